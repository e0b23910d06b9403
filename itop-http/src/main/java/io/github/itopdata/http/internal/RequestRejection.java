package io.github.itopdata.http.internal;

/**
 * A request that cannot be served, with the HTTP status and the one-line message to send.
 * Thrown while the request is read, before any service runs.
 */
public final class RequestRejection extends Exception {

    private final int status;

    public RequestRejection(int status, String message) {
        super(message);
        this.status = status;
    }

    public RequestRejection(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
