package io.github.itopdata.core.cron.internal;

import io.github.itopdata.core.cron.CronSettings;
import io.github.itopdata.core.cron.PeriodicProcess;
import io.github.itopdata.core.model.UnknownClassException;
import io.github.itopdata.core.store.ClassTable;
import io.github.itopdata.core.store.SchemaMapping;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Built-in process, once a day, that deletes synchronization logs older than
 * {@code synchro_log_retention_days} and asynchronous tasks in error whose last attempt is older
 * than {@code async_task_error_retention_days}. Change history is never purged.
 *
 * <p>Synchronization logs are the objects of the model class {@code SynchroLog}, whose table
 * the schema mapping names. A database whose object tables were never created (no
 * {@code itop setup}) has no such table, and the purge then skips that step.
 */
public final class RetentionPurge implements PeriodicProcess {

    /** Name of the process in the registry. */
    public static final String NAME = "RetentionPurge";
    static final String SYNCHRO_LOG_CLASS = "SynchroLog";

    private static final Logger LOG = LoggerFactory.getLogger(RetentionPurge.class);

    private final Jdbi jdbi;
    private final AsyncTaskStore asyncTasks;
    private final CronSettings settings;
    private final Clock clock;
    private final Supplier<SchemaMapping> schema;

    /**
     * Creates the purge.
     *
     * @param schema the mapping of the model's classes to tables, asked for at each run
     */
    public RetentionPurge(Jdbi jdbi, AsyncTaskStore asyncTasks, CronSettings settings, Clock clock,
            Supplier<SchemaMapping> schema) {
        this.jdbi = jdbi;
        this.asyncTasks = asyncTasks;
        this.settings = settings;
        this.clock = clock;
        this.schema = schema;
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
        ClassTable logs;
        try {
            logs = schema.get().table(SYNCHRO_LOG_CLASS);
        } catch (UnknownClassException e) {
            LOG.debug("The model has no class {}: no synchro log to purge", SYNCHRO_LOG_CLASS);
            return 0;
        }
        String startDate = logs.requireColumn("start_date").quotedName();
        return jdbi.withHandle(handle -> {
            boolean exists = handle.createQuery("SELECT to_regclass(:table) IS NOT NULL")
                    .bind("table", logs.quotedTableName())
                    .mapTo(Boolean.class)
                    .one();
            if (!exists) {
                return 0;
            }
            // start_date is a timestamp without time zone written in the session's zone, which is
            // also the zone PostgreSQL uses to compare it with this timestamptz parameter.
            return handle.createUpdate("DELETE FROM " + logs.quotedTableName() + " AS o WHERE o." + startDate
                            + " < :before AND " + logs.classCondition("o"))
                    .bind("before", Timestamps.bind(before))
                    .execute();
        });
    }
}
