package io.github.itopdata.core.store;

/** A store operation failed on the database side: a schema change, a write, a COPY. */
public class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
