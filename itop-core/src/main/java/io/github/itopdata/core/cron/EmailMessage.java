package io.github.itopdata.core.cron;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An e-mail to send through the asynchronous queue.
 *
 * @param sender sender address; empty means the sender of the SMTP settings
 * @param to recipient addresses, at least one among {@code to}, {@code cc} and {@code bcc}
 * @param cc carbon-copy addresses
 * @param bcc blind carbon-copy addresses
 * @param subject subject line
 * @param body message body
 * @param contentType MIME type of the body, {@code text/plain} or {@code text/html}
 * @param headers extra headers, in order (such as {@code X-Itop-Origin})
 */
public record EmailMessage(
        String sender, List<String> to, List<String> cc, List<String> bcc, String subject, String body,
        String contentType, Map<String, String> headers) {

    public EmailMessage {
        sender = sender == null ? "" : sender;
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(contentType, "contentType");
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        if (to.isEmpty() && cc.isEmpty() && bcc.isEmpty()) {
            throw new IllegalArgumentException("An e-mail needs at least one recipient (to, cc or bcc)");
        }
    }

    /** Creates a plain-text e-mail to the given recipients, from the default sender. */
    public static EmailMessage plainText(List<String> to, String subject, String body) {
        return new EmailMessage("", to, List.of(), List.of(), subject, body, "text/plain", Map.of());
    }

    /** Returns a copy with one more header. */
    public EmailMessage withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new EmailMessage(sender, to, cc, bcc, subject, body, contentType, more);
    }

    /** Returns a copy with the given sender address. */
    public EmailMessage withSender(String address) {
        return new EmailMessage(address, to, cc, bcc, subject, body, contentType, headers);
    }
}
