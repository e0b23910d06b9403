package io.github.itopdata.core.cron;

import java.time.Instant;

/**
 * A job that the cron loop runs again and again: either every few seconds ({@link
 * PeriodicProcess}) or at planned instants ({@link ScheduledProcess}).
 *
 * <p>The loop runs one process at a time. Its {@link #name()} is the key of its row in the
 * registry of background tasks, so it must stay the same from one release to the next; the
 * processes ported from iTop keep iTop's class name so that existing status tooling still works.
 */
public interface BackgroundProcess {

    /** Name recorded in the registry, unique among the registered processes. */
    String name();

    /**
     * Does one run of the job.
     *
     * @param deadline instant by which the run should return; a long job checks it and stops
     *     early, leaving the rest for its next run
     * @return a short status message printed in verbose mode, or an empty string
     * @throws FatalProcessException to report a failure that the loop prints as an error line
     * @throws Exception any other failure, recorded as the run's status message
     */
    String process(Instant deadline) throws Exception;
}
