package io.github.itopdata.core.cron.internal;

import io.github.itopdata.core.cron.CronSettings;
import io.github.itopdata.core.cron.PeriodicProcess;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Built-in process, once a day, that deletes synchronization logs older than
 * {@code synchro_log_retention_days} and asynchronous tasks in error whose last attempt is older
 * than {@code async_task_error_retention_days}. Change history is never purged.
 *
 * <p>NOTE: the synchronization engine's log table does not exist yet. The purge looks for a
 * table {@value #SYNCHRO_LOG_TABLE} with a {@code start_date} column and skips that step while
 * there is none; the name must be checked when the synchronization engine lands.
 */
public final class RetentionPurge implements PeriodicProcess {

    /** Name of the process in the registry. */
    public static final String NAME = "RetentionPurge";
    static final String SYNCHRO_LOG_TABLE = "synchro_log";

    private static final Logger LOG = LoggerFactory.getLogger(RetentionPurge.class);

    private final Jdbi jdbi;
    private final AsyncTaskStore asyncTasks;
    private final CronSettings settings;
    private final Clock clock;

    public RetentionPurge(Jdbi jdbi, AsyncTaskStore asyncTasks, CronSettings settings, Clock clock) {
        this.jdbi = jdbi;
        this.asyncTasks = asyncTasks;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Duration periodicity() {
        return Duration.ofDays(1);
    }

    @Override
    public String process(Instant deadline) {
        Instant now = clock.instant();
        int synchroLogs = purgeSynchroLogs(now.minus(Duration.ofDays(settings.synchroLogRetentionDays())));
        int tasks = asyncTasks.purgeErrors(now.minus(Duration.ofDays(settings.asyncTaskErrorRetentionDays())));
        LOG.info("Retention purge deleted {} synchro logs older than {} days and {} async tasks in error older than"
                + " {} days", synchroLogs, settings.synchroLogRetentionDays(), tasks,
                settings.asyncTaskErrorRetentionDays());
        return "deleted " + synchroLogs + " synchro logs and " + tasks + " async tasks in error";
    }

    private int purgeSynchroLogs(Instant before) {
        return jdbi.withHandle(handle -> {
            boolean exists = handle.createQuery("SELECT count(*) > 0 FROM information_schema.columns"
                            + " WHERE table_schema = current_schema() AND table_name = :table"
                            + " AND column_name = 'start_date'")
                    .bind("table", SYNCHRO_LOG_TABLE)
                    .mapTo(Boolean.class)
                    .one();
            if (!exists) {
                return 0;
            }
            return handle.createUpdate("DELETE FROM " + SYNCHRO_LOG_TABLE + " WHERE start_date < :before")
                    .bind("before", Timestamps.bind(before))
                    .execute();
        });
    }
}
