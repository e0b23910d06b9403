package io.github.itopdata.core.cron;

import java.time.Duration;

/**
 * The pause between two cron rounds. The loop reads the time from a {@link java.time.Clock} and
 * pauses through this interface, so that tests can move a test clock instead of waiting.
 */
@FunctionalInterface
public interface Sleeper {

    /** Pauses the current thread with {@link Thread#sleep(long)}. */
    Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

    /** Pauses for {@code duration}; an interruption ends the cron run. */
    void sleep(Duration duration) throws InterruptedException;
}
