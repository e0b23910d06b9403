package io.github.itopdata.core.cron;

/**
 * A failure that a background process reports as serious: after the run's bookkeeping, the
 * loop prints {@code ERROR : an exception was thrown when processing '<name>' (<message>)},
 * logs it, and goes on with the next process.
 */
public class FatalProcessException extends Exception {

    public FatalProcessException(String message) {
        super(message);
    }

    public FatalProcessException(String message, Throwable cause) {
        super(message, cause);
    }
}
