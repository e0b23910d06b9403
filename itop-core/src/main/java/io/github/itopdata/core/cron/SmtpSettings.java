package io.github.itopdata.core.cron;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where e-mails are sent: an SMTP server and how to talk to it.
 *
 * @param host server name or address
 * @param port server port, such as 25, 587 (STARTTLS) or 465 (TLS)
 * @param security whether the connection is plain, upgraded with STARTTLS or TLS from the start
 * @param user login for SMTP authentication; empty means no authentication
 * @param password password for SMTP authentication; never logged
 * @param defaultSender sender address of messages that do not name one
 * @param timeout limit for connecting and for each read from the server
 */
public record SmtpSettings(
        String host, int port, Security security, Optional<String> user, String password,
        String defaultSender, Duration timeout) {

    /** How the connection to the server is protected. */
    public enum Security {
        /** Plain SMTP. */
        NONE,
        /** Plain connection upgraded with the STARTTLS command, which the server must accept. */
        STARTTLS,
        /** TLS from the first byte (SMTPS). */
        TLS
    }

    public SmtpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(defaultSender, "defaultSender");
        Objects.requireNonNull(timeout, "timeout");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("SMTP port must be between 1 and 65535, found " + port);
        }
        password = password == null ? "" : password;
    }

    /** Plain SMTP without authentication, 30 s timeout. */
    public static SmtpSettings plain(String host, int port, String defaultSender) {
        return new SmtpSettings(host, port, Security.NONE, Optional.empty(), "", defaultSender, Duration.ofSeconds(30));
    }

    @Override
    public String toString() {
        return "SMTP " + host + ":" + port + " (" + security + user.map(u -> ", user " + u).orElse("") + ")";
    }
}
