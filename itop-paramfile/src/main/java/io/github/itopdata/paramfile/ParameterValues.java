package io.github.itopdata.paramfile;

/**
 * Value rules shared by parameters files and the services: the trim set, PHP truthiness and the
 * character filter that iTop applies to most arguments.
 */
public final class ParameterValues {

    private ParameterValues() {
    }

    /** Returns whether {@code c} is in the trim set: space, TAB, LF, CR, NUL or VT. Form feed is not. */
    public static boolean isTrimmed(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0 || c == 0x0B;
    }

    /**
     * Removes the characters of the trim set (space, TAB, LF, CR, NUL, VT) from both ends. Unlike
     * {@link String#strip()}, form feed and non-ASCII spaces are kept.
     */
    public static String trim(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && isTrimmed(value.charAt(start))) {
            start++;
        }
        while (end > start && isTrimmed(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(start, end);
    }

    /**
     * Returns the PHP truthiness of a string: {@code ""} and {@code "0"} are false, every other
     * string is true, so {@code "no"} and {@code "false"} are true.
     */
    public static boolean isTruthy(String value) {
        return !value.isEmpty() && !value.equals("0");
    }

    /**
     * Returns whether every character of {@code value} is accepted by iTop's default argument
     * filter: letters A-Z and a-z, digits, space, {@code _}, {@code =} and {@code -}.
     */
    public static boolean passesParameterFilter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean accepted = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == ' ' || c == '_' || c == '=' || c == '-';
            if (!accepted) {
                return false;
            }
        }
        return true;
    }
}
