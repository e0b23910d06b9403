package io.github.itopdata.paramfile;

/**
 * A command-line token that is not {@code --name=value}: {@code --name} without {@code =}, a
 * single dash, no dash, or a bare word. The message shows the token only up to its first
 * {@code =}, so that a value, possibly a password, is never echoed.
 */
public record MalformedArgument(String token, int position) {

    /** The process exit status after a malformed argument, as after any argument error. */
    public static final int EXIT_CODE = 2;

    /** The part of the token shown in messages: everything before its first {@code =}. */
    public String shownToken() {
        int equals = token.indexOf('=');
        return equals < 0 ? token : token.substring(0, equals);
    }

    /**
     * Returns the error line without its {@code ERROR: } prefix, for example
     * {@code Malformed argument '--simulate', expected --simulate=<value>}.
     */
    public String message() {
        String shown = shownToken();
        String expected = shown.startsWith("--") && shown.length() > 2 ? shown : "--<name>";
        return "Malformed argument '" + shown + "', expected " + expected + "=<value>";
    }
}
