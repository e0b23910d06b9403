package io.github.itopdata.core.imports.internal;

/**
 * The run stops before any row is processed (argument, header or reconciliation error). The
 * message is the output line without its leading {@code #}.
 */
public final class ImportStoppedException extends Exception {

    private final int exitCode;

    public ImportStoppedException(String message) {
        this(message, 2);
    }

    public ImportStoppedException(String message, int exitCode) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /** Returns the CLI exit code of the stop. */
    public int exitCode() {
        return exitCode;
    }
}
