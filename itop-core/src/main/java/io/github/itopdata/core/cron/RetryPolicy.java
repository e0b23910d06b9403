package io.github.itopdata.core.cron;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and when a failed asynchronous task is tried again (setting {@code async_task_retries},
 * one entry per task class).
 *
 * @param maxRetries attempts after the first failure; 0 puts the task in error at once
 * @param retryDelay wait before the next attempt
 * @param exponentialDelay when true, the wait doubles at each retry:
 *     {@code retryDelay × 2^(maxRetries − remaining retries)}
 */
public record RetryPolicy(int maxRetries, Duration retryDelay, boolean exponentialDelay) {

    /** Policy of a task class absent from the setting: no retry, 600 s, no doubling. */
    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ofSeconds(600), false);

    /** Shipped policy of e-mail tasks: 3 retries, 600 s apart. */
    public static final RetryPolicy EMAIL_DEFAULT = new RetryPolicy(3, Duration.ofSeconds(600), false);

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("max_retries must be 0 or more, found " + maxRetries);
        }
        Objects.requireNonNull(retryDelay, "retryDelay");
        if (retryDelay.isNegative()) {
            throw new IllegalArgumentException("retry_delay must be 0 or more seconds, found " + retryDelay);
        }
    }

    /** Returns the wait before the next attempt when {@code remainingRetries} are left. */
    public Duration delayBefore(int remainingRetries) {
        if (!exponentialDelay) {
            return retryDelay;
        }
        int exponent = Math.max(0, maxRetries - remainingRetries);
        return retryDelay.multipliedBy(1L << Math.min(exponent, 30));
    }
}
