package io.github.itopdata.core.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * The slowdown of attempts after failed logins: once one login has failed {@code maxFailures}
 * times from one address within {@code window}, each further attempt from that address for that
 * login waits {@code firstDelay}, doubled after each new failure, up to {@code maxDelay}.
 *
 * @param maxFailures failures allowed before attempts are delayed
 * @param window how far back failures are counted
 * @param firstDelay delay of the first delayed attempt
 * @param maxDelay longest delay
 */
public record ThrottlePolicy(int maxFailures, Duration window, Duration firstDelay, Duration maxDelay) {

    /** 5 failures within 5 minutes, then 1 s doubling up to 30 s. */
    public static final ThrottlePolicy DEFAULT =
            new ThrottlePolicy(5, Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofSeconds(30));

    public ThrottlePolicy {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(firstDelay, "firstDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1, got " + maxFailures);
        }
    }

    /** Returns the delay of the next attempt after the given number of recent failures. */
    public Duration delayAfter(int recentFailures) {
        if (recentFailures < maxFailures) {
            return Duration.ZERO;
        }
        int doublings = Math.min(recentFailures - maxFailures, 30);
        Duration delay = firstDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
