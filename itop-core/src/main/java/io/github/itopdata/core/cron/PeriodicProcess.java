package io.github.itopdata.core.cron;

import java.time.Duration;

/**
 * A background process that runs every {@link #periodicity()}. The next run is planned from the
 * previous planned instant, not from the actual start, so the schedule does not drift. Slots
 * missed while no cron ran are skipped, and the process runs once to catch up.
 */
public interface PeriodicProcess extends BackgroundProcess {

    /** Time between two planned runs; at least one second. */
    Duration periodicity();
}
