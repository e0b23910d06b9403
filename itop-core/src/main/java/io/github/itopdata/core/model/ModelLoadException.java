package io.github.itopdata.core.model;

/**
 * Raised when a model file cannot be used: malformed XML, a {@code _delta} operation on an
 * element that does not exist (or already exists), or a model that is inconsistent as a whole.
 * The message names the file, the line and the problem.
 */
public class ModelLoadException extends RuntimeException {

    private final String file;
    private final int line;

    /**
     * Creates the exception.
     *
     * @param file    the file (or stream name) in error
     * @param line    the line in that file, or 0 when the problem concerns the whole file
     * @param problem what is wrong, and what to do about it
     * @param cause   the underlying parser error, or null
     */
    public ModelLoadException(String file, int line, String problem, Throwable cause) {
        super(file + (line > 0 ? ", line " + line : "") + ": " + problem, cause);
        this.file = file;
        this.line = line;
    }

    /** Creates the exception without an underlying cause. */
    public ModelLoadException(String file, int line, String problem) {
        this(file, line, problem, null);
    }

    /** Returns the file (or stream name) in error. */
    public String file() {
        return file;
    }

    /** Returns the line in the file, or 0 when the problem concerns the whole file. */
    public int line() {
        return line;
    }
}
