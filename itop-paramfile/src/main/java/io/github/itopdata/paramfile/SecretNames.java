package io.github.itopdata.paramfile;

import java.util.List;
import java.util.Locale;

/**
 * Decides which parameter names hold secrets, and formats values for diagnostics with those
 * secrets masked.
 *
 * <p>A name is secret when, ignoring case, it contains one of {@code pwd}, {@code passw},
 * {@code secret} or {@code token}: {@code auth_pwd}, {@code db_password}, {@code smtp_password},
 * {@code auth_token} are masked.
 */
public final class SecretNames {

    /** The text shown in place of a secret value, whatever its length. */
    public static final String MASK = "********";

    private static final List<String> SECRET_FRAGMENTS = List.of("pwd", "passw", "secret", "token");

    private SecretNames() {
    }

    /** Returns whether values of the parameter {@code name} must be masked in diagnostics. */
    public static boolean isSecret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String fragment : SECRET_FRAGMENTS) {
            if (lower.contains(fragment)) {
                return true;
            }
        }
        return false;
    }

    /** Returns the value quoted by {@link #quote(String)}, or {@link #MASK} when {@code name} is secret. */
    public static String quoteOrMask(String name, String value) {
        return isSecret(name) ? MASK : quote(value);
    }

    /**
     * Quotes a value for diagnostics: single quotes around it, and backslash escapes for the
     * quote, the backslash and control characters, so that blanks and empty values stay visible.
     */
    public static String quote(String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\'' -> quoted.append("\\'");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        quoted.append(String.format("\\x%02X", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('\'').toString();
    }
}
