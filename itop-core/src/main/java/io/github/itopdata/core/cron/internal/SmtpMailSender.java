package io.github.itopdata.core.cron.internal;

import io.github.itopdata.core.cron.EmailMessage;
import io.github.itopdata.core.cron.SmtpSettings;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** Sends e-mails to the configured SMTP server with Jakarta Mail (Eclipse Angus Mail). */
public final class SmtpMailSender {

    private final SmtpSettings settings;
    private final Session session;

    public SmtpMailSender(SmtpSettings settings) {
        this.settings = settings;
        this.session = Session.getInstance(properties(settings));
    }

    private static Properties properties(SmtpSettings settings) {
        String protocol = settings.security() == SmtpSettings.Security.TLS ? "smtps" : "smtp";
        String prefix = "mail." + protocol + ".";
        String timeout = Long.toString(settings.timeout().toMillis());
        Properties properties = new Properties();
        properties.setProperty("mail.transport.protocol", protocol);
        properties.setProperty(prefix + "host", settings.host());
        properties.setProperty(prefix + "port", Integer.toString(settings.port()));
        properties.setProperty(prefix + "connectiontimeout", timeout);
        properties.setProperty(prefix + "timeout", timeout);
        properties.setProperty(prefix + "writetimeout", timeout);
        properties.setProperty(prefix + "auth", Boolean.toString(settings.user().isPresent()));
        if (settings.security() == SmtpSettings.Security.STARTTLS) {
            properties.setProperty(prefix + "starttls.enable", "true");
            properties.setProperty(prefix + "starttls.required", "true");
        }
        if (settings.security() != SmtpSettings.Security.NONE) {
            properties.setProperty(prefix + "ssl.checkserveridentity", "true");
            settings.trustStore().ifPresent(file ->
                    properties.put(prefix + "ssl.socketFactory", socketFactory(file, settings.trustStorePassword())));
        }
        return properties;
    }

    private static SSLSocketFactory socketFactory(Path trustStore, String password) {
        try (InputStream stream = Files.newInputStream(trustStore)) {
            KeyStore certificates = KeyStore.getInstance("PKCS12");
            certificates.load(stream, password.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(certificates);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("Could not read the SMTP trust store " + trustStore + ": " + e.getMessage()
                    + "; give a PKCS12 file and its password", e);
        }
    }

    /**
     * Sends one message.
     *
     * @throws MessagingException when an address is invalid, the server cannot be reached, or
     *     it rejects the login, the sender or a recipient. The message is the library's own text.
     */
    public void send(EmailMessage email) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        String sender = email.sender().isEmpty() ? settings.defaultSender() : email.sender();
        message.setFrom(new InternetAddress(sender, true));
        message.setRecipients(Message.RecipientType.TO, addresses(email.to()));
        message.setRecipients(Message.RecipientType.CC, addresses(email.cc()));
        message.setRecipients(Message.RecipientType.BCC, addresses(email.bcc()));
        message.setSubject(email.subject(), StandardCharsets.UTF_8.name());
        String subtype = email.contentType().equals("text/html") ? "html" : "plain";
        message.setText(email.body(), StandardCharsets.UTF_8.name(), subtype);
        message.setSentDate(new Date());
        for (Map.Entry<String, String> header : email.headers().entrySet()) {
            message.addHeader(header.getKey(), header.getValue());
        }

        try (Transport transport = session.getTransport()) {
            if (settings.user().isPresent()) {
                transport.connect(settings.user().get(), settings.password());
            } else {
                transport.connect();
            }
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    private static InternetAddress[] addresses(List<String> values) throws AddressException {
        InternetAddress[] addresses = new InternetAddress[values.size()];
        for (int i = 0; i < values.size(); i++) {
            addresses[i] = new InternetAddress(values.get(i), true);
        }
        return addresses;
    }
}
