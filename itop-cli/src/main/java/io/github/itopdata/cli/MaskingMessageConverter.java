package io.github.itopdata.cli;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.regex.Pattern;

/**
 * Logback converter ({@code %maskedMsg}) that prints the log message with the values of secrets
 * masked: after a name containing {@code pwd}, {@code passw}, {@code secret} or {@code token}
 * followed by {@code =} or {@code :}, the value is replaced by {@code ********}. This is a last
 * line of defence: code must not log secrets in the first place.
 */
public final class MaskingMessageConverter extends MessageConverter {

    private static final Pattern SECRET_ASSIGNMENT = Pattern.compile(
            "(?i)([\\w.-]*(?:pwd|passw|secret|token)[\\w.-]*['\"]?\\s*[=:]\\s*)('[^']*'|\"[^\"]*\"|[^\\s,;&)}\\]]+)");

    @Override
    public String convert(ILoggingEvent event) {
        return mask(super.convert(event));
    }

    /** Returns {@code message} with every value assigned to a secret name replaced by {@code ********}. */
    public static String mask(String message) {
        if (message == null) {
            return null;
        }
        return SECRET_ASSIGNMENT.matcher(message).replaceAll("$1********");
    }
}
