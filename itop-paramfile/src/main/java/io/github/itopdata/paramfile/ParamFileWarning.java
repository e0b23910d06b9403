package io.github.itopdata.paramfile;

import java.util.Objects;

/**
 * Something in a parameters file that was accepted but deserves the user's attention. The
 * front-end writes {@link #message()} to standard error; nothing fails because of a warning.
 */
public record ParamFileWarning(Type type, String path, int line, String message) {

    /** Types of warning, so that a front-end can decide which ones to show. */
    public enum Type {
        /** A line that is neither blank, nor a comment, nor {@code key = value}; it was ignored. */
        IGNORED_LINE,
        /** A key defined again, in the same file or a later one; the later value wins. Shown with {@code --verbose}. */
        REDEFINED_KEY,
        /** A file that defines {@code auth_pwd} is readable or writable by other users. */
        OPEN_PERMISSIONS
    }

    public ParamFileWarning {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    static ParamFileWarning ignoredLine(String path, int line) {
        return new ParamFileWarning(Type.IGNORED_LINE, path, line,
                "Warning: " + path + ":" + line + ": ignored, expected 'key = value'");
    }

    static ParamFileWarning redefinedKey(String path, int line, String key) {
        return new ParamFileWarning(Type.REDEFINED_KEY, path, line,
                "Warning: " + path + ":" + line + ": '" + key + "' redefined");
    }

    static ParamFileWarning openPermissions(String path) {
        return new ParamFileWarning(Type.OPEN_PERMISSIONS, path, 0,
                "Warning: " + path + " is accessible by other users; restrict it (chmod 600)");
    }
}
