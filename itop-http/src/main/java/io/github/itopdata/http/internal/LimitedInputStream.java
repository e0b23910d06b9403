package io.github.itopdata.http.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes of a request body as they are read and fails once the body exceeds the
 * limit or the request's deadline has passed, so that neither depends on the client being honest
 * about {@code Content-Length}.
 */
final class LimitedInputStream extends FilterInputStream {

    /** The body grew past the limit. */
    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(long limit) {
            super("Request body too large (limit " + limit + " bytes)");
        }
    }

    /** The deadline passed while the body was read. */
    static final class BodyTimeoutException extends IOException {
        BodyTimeoutException(String message) {
            super(message);
        }
    }

    private final long limit;
    private final RequestDeadline deadline;
    private long count;

    LimitedInputStream(InputStream in, long limit, RequestDeadline deadline) {
        super(in);
        this.limit = limit;
        this.deadline = deadline;
    }

    @Override
    public int read() throws IOException {
        checkDeadline();
        int value = super.read();
        if (value >= 0) {
            add(1);
        }
        return value;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        checkDeadline();
        int read = super.read(buffer, offset, length);
        if (read > 0) {
            add(read);
        }
        return read;
    }

    private void add(long bytes) throws BodyTooLargeException {
        count += bytes;
        if (count > limit) {
            throw new BodyTooLargeException(limit);
        }
    }

    private void checkDeadline() throws BodyTimeoutException {
        if (deadline.hasPassed()) {
            throw new BodyTimeoutException(deadline.bodyTimeoutMessage());
        }
    }
}
