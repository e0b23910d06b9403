package io.github.itopdata.core.cron.internal;

import io.github.itopdata.core.cron.BackgroundProcess;
import io.github.itopdata.core.cron.FatalProcessException;
import io.github.itopdata.core.cron.PeriodicProcess;
import io.github.itopdata.core.cron.ScheduledProcess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one due background task and records its statistics and next run date in the registry. */
final class TaskRunner {

    private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

    private final TaskStore store;
    private final Clock clock;
    private final ZoneId zone;
    private final int taskMaxExecutionTime;
    private final CronOutput output;
    private final boolean verbose;
    private final boolean debug;
    private final String systemUser;

    TaskRunner(TaskStore store, Clock clock, ZoneId zone, int taskMaxExecutionTime, CronOutput output,
            boolean verbose, boolean debug, String systemUser) {
        this.store = store;
        this.clock = clock;
        this.zone = zone;
        this.taskMaxExecutionTime = taskMaxExecutionTime;
        this.output = output;
        this.verbose = verbose;
        this.debug = debug;
        this.systemUser = systemUser;
    }

    /** Runs {@code process}, whose registry row is {@code task}, with the cron run's deadline. */
    void run(TaskRecord task, BackgroundProcess process, Instant deadline) {
        Instant start = clock.instant();
        store.markStarted(task.id(), start, systemUser);
        if (verbose) {
            output.line(StatusTable.startLine(start, task.name(), zone));
        }

        boolean finished = false;
        try {
            String message;
            FatalProcessException fatal = null;
            try {
                message = process.process(limit(process, start, deadline));
            } catch (FatalProcessException e) {
                fatal = e;
                message = e.getMessage();
            } catch (Exception e) {
                LOG.warn("Background task {} failed: {}", task.name(), e.toString(), e);
                message = "Processing failed with message: " + e.getMessage() + (debug ? ". " + trace(e) : "");
            }
            Instant end = clock.instant();

            Instant next;
            try {
                next = nextRunDate(task, process, end);
            } catch (RuntimeException e) {
                recordScheduleError(task, e);
                next = task.nextRunDate();
            }
            recordRun(task, start, end, next);
            finished = true;

            if (fatal != null) {
                String line = "an exception was thrown when processing '" + task.name() + "' (" + fatal.getMessage() + ")";
                output.line("ERROR : " + line);
                LOG.error("Cron.php error : {}", line, fatal);
            } else if (verbose) {
                if (message != null && !message.isEmpty()) {
                    output.line(task.name() + ": " + message);
                }
                output.line(StatusTable.endLine(clock.instant(), task.name(), next, zone));
            }
        } finally {
            if (!finished) {
                store.clearRunning(task.id());
            }
        }
    }

    private Instant limit(BackgroundProcess process, Instant start, Instant deadline) {
        if (process instanceof PeriodicProcess periodic && taskMaxExecutionTime > 0) {
            Instant taskLimit = start.plus(periodic.periodicity().multipliedBy(taskMaxExecutionTime));
            if (taskLimit.isBefore(deadline)) {
                return taskLimit;
            }
        }
        return deadline;
    }

    /**
     * Computes the next run: the process's next occurrence for a scheduled process; for a
     * periodic one, the first slot after the previous planned date that is not earlier than
     * {@code now}, so that missed slots are skipped and the schedule does not drift.
     */
    Instant nextRunDate(TaskRecord task, BackgroundProcess process, Instant now) {
        if (process instanceof ScheduledProcess scheduled) {
            return scheduled.nextOccurrence(now.atZone(zone)).toInstant();
        }
        Duration period = ((PeriodicProcess) process).periodicity();
        Instant planned = task.nextRunDate() == null ? now : task.nextRunDate();
        long behind = Duration.between(planned, now).toNanos();
        long periods = Math.max(1, ceilDiv(behind, period.toNanos()));
        return planned.plus(period.multipliedBy(periods));
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }

    private void recordRun(TaskRecord task, Instant start, Instant end, Instant next) {
        BigDecimal duration = BigDecimal.valueOf(Duration.between(start, end).toNanos())
                .divide(NANOS_PER_SECOND, 3, RoundingMode.HALF_UP);
        int count = task.totalExecCount();
        BigDecimal average = task.averageRunDuration().multiply(BigDecimal.valueOf(count)).add(duration)
                .divide(BigDecimal.valueOf(count + 1L), 3, RoundingMode.HALF_UP);
        BigDecimal min = duration.compareTo(task.minRunDuration()) < 0 ? duration : task.minRunDuration();
        BigDecimal max = duration.compareTo(task.maxRunDuration()) > 0 ? duration : task.maxRunDuration();
        Instant first = count == 0 ? start : task.firstRunDate();
        store.markFinished(task.id(), first, end, next, count + 1, duration, min, max, average);
    }

    /** Pauses a process whose schedule cannot be computed, so that the other processes still run. */
    void recordScheduleError(TaskRecord task, RuntimeException e) {
        String line = "an exception was thrown when processing '" + task.name() + "' (" + e.getMessage() + ")";
        output.line("ERROR : " + line);
        LOG.error("Cron.php error : {}; the task is paused until its settings are fixed and an administrator"
                + " sets it back to active", line, e);
        store.setStatus(task.id(), TaskRecord.PAUSED);
    }

    static String trace(Throwable e) {
        StringWriter text = new StringWriter();
        e.printStackTrace(new PrintWriter(text));
        return text.toString().strip();
    }
}
