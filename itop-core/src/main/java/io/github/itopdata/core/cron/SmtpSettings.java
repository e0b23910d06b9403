package io.github.itopdata.core.cron;

import java.nio.file.Path;
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
 * @param trustStore PKCS12 file of the certificates to trust for STARTTLS and TLS, for a server
 *     whose certificate comes from a private authority; empty means the JVM's default trust store
 * @param trustStorePassword password of the trust store; never logged
 */
public record SmtpSettings(
        String host, int port, Security security, Optional<String> user, String password,
        String defaultSender, Duration timeout, Optional<Path> trustStore, String trustStorePassword) {

    /** Protection of the connection to the server. */
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
        Objects.requireNonNull(trustStore, "trustStore");
        trustStorePassword = trustStorePassword == null ? "" : trustStorePassword;
    }

    /** Settings that trust the JVM's default certificate authorities. */
    public SmtpSettings(String host, int port, Security security, Optional<String> user, String password,
            String defaultSender, Duration timeout) {
        this(host, port, security, user, password, defaultSender, timeout, Optional.empty(), "");
    }

    /** Returns a copy that trusts the certificates of a PKCS12 file. */
    public SmtpSettings withTrustStore(Path file, String filePassword) {
        return new SmtpSettings(host, port, security, user, password, defaultSender, timeout, Optional.of(file),
                filePassword);
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
