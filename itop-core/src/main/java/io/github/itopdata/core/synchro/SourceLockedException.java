package io.github.itopdata.core.synchro;

/** The lock of a data source stayed held by another load or run longer than the allowed wait. */
public final class SourceLockedException extends RuntimeException {

    public SourceLockedException(String message) {
        super(message);
    }
}
