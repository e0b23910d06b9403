package io.github.itopdata.core.cron;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the cron loop, the asynchronous queue and the retention purge, with iTop's names
 * in the parameter descriptions.
 *
 * <p>TODO: build these from the product configuration ({@code itop.conf}) once its resolved
 * settings class exists; until then callers build them with {@link #defaults()} and the
 * {@code with...} methods.
 *
 * @param maxExecutionTime {@code cron_max_execution_time}: planned duration of one cron run
 * @param sleep {@code cron_sleep}: pause at the end of every round
 * @param taskMaxExecutionTime {@code cron_task_max_execution_time}: when above 0, a periodic
 *     process gets at most periodicity × this value per run
 * @param asyncTaskRetries {@code async_task_retries}: retry policy per asynchronous task class;
 *     a class absent from the map gets {@link RetryPolicy#NONE}
 * @param synchroLogRetentionDays {@code synchro_log_retention_days}: age in days after which
 *     synchronization logs are purged
 * @param asyncTaskErrorRetentionDays {@code async_task_error_retention_days}: age in days after
 *     which asynchronous tasks in error are purged
 * @param timeZone {@code timezone}: zone of every printed date and of scheduled processes
 * @param dataDirectory folder of the marker files {@code .maintenance} and {@code .readonly};
 *     empty means no marker is checked
 * @param smtp where e-mails go; empty means e-mail tasks fail with a message saying so
 */
public record CronSettings(
        Duration maxExecutionTime,
        Duration sleep,
        int taskMaxExecutionTime,
        Map<String, RetryPolicy> asyncTaskRetries,
        int synchroLogRetentionDays,
        int asyncTaskErrorRetentionDays,
        ZoneId timeZone,
        Optional<Path> dataDirectory,
        Optional<SmtpSettings> smtp) {

    public CronSettings {
        Objects.requireNonNull(maxExecutionTime, "maxExecutionTime");
        Objects.requireNonNull(sleep, "sleep");
        asyncTaskRetries = Map.copyOf(asyncTaskRetries);
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(smtp, "smtp");
        if (maxExecutionTime.isNegative() || sleep.isNegative()) {
            throw new IllegalArgumentException("cron_max_execution_time and cron_sleep must be 0 or more seconds, found "
                    + maxExecutionTime.toSeconds() + " and " + sleep.toSeconds());
        }
        if (synchroLogRetentionDays < 1 || asyncTaskErrorRetentionDays < 1) {
            throw new IllegalArgumentException("synchro_log_retention_days and async_task_error_retention_days must be"
                    + " at least 1, found " + synchroLogRetentionDays + " and " + asyncTaskErrorRetentionDays);
        }
    }

    /** iTop's defaults, with e-mail tasks retried 3 times 600 s apart, in the system time zone. */
    public static CronSettings defaults() {
        return new CronSettings(Duration.ofSeconds(600), Duration.ofSeconds(2), 0,
                Map.of(AsyncTaskQueue.EMAIL_TASK_CLASS, RetryPolicy.EMAIL_DEFAULT), 30, 30,
                ZoneId.systemDefault(), Optional.empty(), Optional.empty());
    }

    public CronSettings withMaxExecutionTime(Duration value) {
        return new CronSettings(value, sleep, taskMaxExecutionTime, asyncTaskRetries, synchroLogRetentionDays,
                asyncTaskErrorRetentionDays, timeZone, dataDirectory, smtp);
    }

    public CronSettings withSleep(Duration value) {
        return new CronSettings(maxExecutionTime, value, taskMaxExecutionTime, asyncTaskRetries,
                synchroLogRetentionDays, asyncTaskErrorRetentionDays, timeZone, dataDirectory, smtp);
    }

    public CronSettings withTaskMaxExecutionTime(int value) {
        return new CronSettings(maxExecutionTime, sleep, value, asyncTaskRetries, synchroLogRetentionDays,
                asyncTaskErrorRetentionDays, timeZone, dataDirectory, smtp);
    }

    public CronSettings withAsyncTaskRetries(Map<String, RetryPolicy> value) {
        return new CronSettings(maxExecutionTime, sleep, taskMaxExecutionTime, value, synchroLogRetentionDays,
                asyncTaskErrorRetentionDays, timeZone, dataDirectory, smtp);
    }

    public CronSettings withRetentionDays(int synchroLogs, int asyncTasksInError) {
        return new CronSettings(maxExecutionTime, sleep, taskMaxExecutionTime, asyncTaskRetries, synchroLogs,
                asyncTasksInError, timeZone, dataDirectory, smtp);
    }

    public CronSettings withTimeZone(ZoneId value) {
        return new CronSettings(maxExecutionTime, sleep, taskMaxExecutionTime, asyncTaskRetries,
                synchroLogRetentionDays, asyncTaskErrorRetentionDays, value, dataDirectory, smtp);
    }

    public CronSettings withDataDirectory(Path value) {
        return new CronSettings(maxExecutionTime, sleep, taskMaxExecutionTime, asyncTaskRetries,
                synchroLogRetentionDays, asyncTaskErrorRetentionDays, timeZone, Optional.of(value), smtp);
    }

    public CronSettings withSmtp(SmtpSettings value) {
        return new CronSettings(maxExecutionTime, sleep, taskMaxExecutionTime, asyncTaskRetries,
                synchroLogRetentionDays, asyncTaskErrorRetentionDays, timeZone, dataDirectory, Optional.of(value));
    }

    /** Returns the retry policy of a task class, {@link RetryPolicy#NONE} when it has none. */
    public RetryPolicy retryPolicy(String taskClass) {
        return asyncTaskRetries.getOrDefault(taskClass, RetryPolicy.NONE);
    }
}
