package io.github.itopdata.core.cron;

import java.time.ZonedDateTime;

/** A background process that runs at instants it computes itself, such as a time of day. */
public interface ScheduledProcess extends BackgroundProcess {

    /**
     * Computes the next instant at which the process should run.
     *
     * @param now the current time in the application time zone
     * @return the next occurrence, or {@link WeeklySchedule#DISABLED} (3000-01-01 00:00:00) when
     *     the process is turned off
     * @throws IllegalArgumentException when the process's schedule settings are invalid; the
     *     loop then pauses the process and goes on with the others
     */
    ZonedDateTime nextOccurrence(ZonedDateTime now);
}
