package io.github.itopdata.http.internal;

import java.time.Duration;

/** The time by which one request must be finished. */
final class RequestDeadline {

    private final long deadlineNanos;
    private final Duration timeout;

    RequestDeadline(Duration timeout) {
        this.timeout = timeout;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    }

    boolean hasPassed() {
        return System.nanoTime() - deadlineNanos >= 0;
    }

    Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    String bodyTimeoutMessage() {
        return "Request timed out after " + timeout.toSeconds() + " s while receiving the body"
                + " (limit http_request_timeout)";
    }

    String processingTimeoutMessage() {
        return "Request timed out after " + timeout.toSeconds() + " s (limit http_request_timeout)";
    }
}
