package io.github.itopdata.paramfile;

/**
 * A parameters file could not be used: it does not exist, cannot be read, is not a regular file,
 * is too large, or holds a key or value that is not valid UTF-8.
 *
 * <p>The message is the plain-text line a front-end prints after {@code Error: }, for example
 * {@code Could not find the parameter file: '/srv/none.params'}. Every service exits with
 * {@link #EXIT_CODE} after such an error.
 */
public final class ParamFileException extends Exception {

    /** The process exit status of every service after a parameters-file error. */
    public static final int EXIT_CODE = 254;

    private final String path;

    public ParamFileException(String path, String message) {
        super(message);
        this.path = path;
    }

    public ParamFileException(String path, String message, Throwable cause) {
        super(message, cause);
        this.path = path;
    }

    /** The path of the file as the caller wrote it. */
    public String path() {
        return path;
    }

    public int exitCode() {
        return EXIT_CODE;
    }
}
