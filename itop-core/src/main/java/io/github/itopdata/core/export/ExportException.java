package io.github.itopdata.core.export;

import java.util.List;

/**
 * An export that could not start or could not finish. {@link #reason()} gives the exit code and
 * HTTP status, and {@link #lines()} the message lines to print, the first one after {@code ERROR: }.
 */
public final class ExportException extends RuntimeException {

    /** Causes of a stopped export. */
    public enum Reason {
        /** Bad argument, query, format or field list: nothing was written. CLI exit 2, HTTP 400. */
        INVALID_REQUEST(2, 400),
        /** Unknown phrasebook entry. CLI exit 2, HTTP 404. */
        NOT_FOUND(2, 404),
        /** Missing bulk-read right or archive access. CLI exit 255, HTTP 403. */
        FORBIDDEN(255, 403),
        /** The database or the output failed, possibly after part of the document was written. CLI exit 1, HTTP 500. */
        FAILED(1, 500);

        private final int exitCode;
        private final int httpStatus;

        Reason(int exitCode, int httpStatus) {
            this.exitCode = exitCode;
            this.httpStatus = httpStatus;
        }

        public int exitCode() {
            return exitCode;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Reason reason;
    private final List<String> lines;
    private final boolean showUsage;

    public ExportException(Reason reason, List<String> lines, boolean showUsage, Throwable cause) {
        super(String.join("\n", lines), cause);
        this.reason = reason;
        this.lines = List.copyOf(lines);
        this.showUsage = showUsage;
    }

    public ExportException(Reason reason, String message) {
        this(reason, List.of(message), false, null);
    }

    public Reason reason() {
        return reason;
    }

    /** Returns the message lines, without the {@code ERROR: } prefix. */
    public List<String> lines() {
        return lines;
    }

    /** Tells whether the front-end should print the usage text after the message. */
    public boolean showUsage() {
        return showUsage;
    }
}
