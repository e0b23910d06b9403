package io.github.itopdata.core.cron.internal;

import io.github.itopdata.core.cron.BackgroundProcess;
import io.github.itopdata.core.cron.CronHealth;
import io.github.itopdata.core.cron.CronSettings;
import io.github.itopdata.core.cron.PeriodicProcess;
import io.github.itopdata.core.cron.ScheduledProcess;
import io.github.itopdata.core.cron.Sleeper;
import io.github.itopdata.core.db.Database;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cron run: take the lock, bring the registry up to date, then run the due tasks round after
 * round until {@code cron_max_execution_time} has passed.
 */
public final class CronRun {

    /** Exit code of a run that went to its end, or found another loop running. */
    public static final int EXIT_OK = 0;
    /** Exit code of a run stopped by an unexpected failure. */
    public static final int EXIT_FAILURE = 1;
    /** Exit code of a run refused or stopped for maintenance. */
    public static final int EXIT_MAINTENANCE = 4;

    private static final Logger LOG = LoggerFactory.getLogger(CronRun.class);

    private final Database database;
    private final CronSettings settings;
    private final Map<String, BackgroundProcess> processes = new LinkedHashMap<>();
    private final Clock clock;
    private final Sleeper sleeper;
    private final CronOutput output;
    private final boolean verbose;
    private final boolean debug;
    private final ZoneId zone;
    private final TaskStore store;
    private final TaskRunner runner;

    public CronRun(Database database, CronSettings settings, List<BackgroundProcess> processes, Clock clock,
            Sleeper sleeper, CronOutput output, boolean verbose, boolean debug, String systemUser) {
        this.database = database;
        this.settings = settings;
        processes.forEach(process -> this.processes.put(process.name(), process));
        this.clock = clock;
        this.sleeper = sleeper;
        this.output = output;
        this.verbose = verbose;
        this.debug = debug;
        this.zone = settings.timeZone();
        this.store = new TaskStore(database.jdbi());
        this.runner = new TaskRunner(store, clock, zone, settings.taskMaxExecutionTime(), output, verbose, debug,
                systemUser);
    }

    /** Thrown when a marker file shows that a maintenance started during the run. */
    private static final class MaintenanceDetected extends Exception {
        MaintenanceDetected() {
            super("Maintenance detected", null, false, false);
        }
    }

    /** Runs the loop and returns the exit code. */
    public int run() {
        Instant start = clock.instant();
        output.line("Starting: " + stamp(start));
        int exitCode;
        try {
            if (isReadOnlyForAdministrators()) {
                output.line("A maintenance is ongoing");
                exitCode = EXIT_MAINTENANCE;
            } else {
                exitCode = runLocked(start);
            }
        } catch (MaintenanceDetected e) {
            // iTop stops at once here, without the "Exiting" line; the lock is already released.
            return EXIT_MAINTENANCE;
        } catch (Exception e) {
            LOG.error("Cron run failed: {}", e.toString(), e);
            output.line("ERROR: '" + e.getMessage() + "'");
            if (debug) {
                output.line(TaskRunner.trace(e));
            }
            exitCode = EXIT_FAILURE;
        }
        output.line("Exiting: " + stamp(clock.instant()));
        return exitCode;
    }

    private int runLocked(Instant start) throws Exception {
        Optional<CronLock> lock = CronLock.tryAcquire(database.dataSource());
        if (lock.isEmpty()) {
            output.line("Already running...");
            return EXIT_OK;
        }
        try (CronLock held = lock.get()) {
            recordStart(start);
            if (verbose) {
                output.line("Planned duration = " + settings.maxExecutionTime().toSeconds() + " seconds");
                output.line("Loop pause = " + settings.sleep().toSeconds() + " seconds");
            }
            loop(start.plus(settings.maxExecutionTime()));
            return EXIT_OK;
        }
    }

    private void recordStart(Instant start) {
        database.jdbi().useHandle(handle -> handle.createUpdate("INSERT INTO itop_setting (name, value)"
                        + " VALUES (:name, :value) ON CONFLICT (name) DO UPDATE SET value = :value, updated_at = now()")
                .bind("name", CronHealth.LAST_START_SETTING)
                .bind("value", Long.toString(start.getEpochSecond()))
                .execute());
    }

    private void loop(Instant deadline) throws Exception {
        recoverInterruptedAsyncTasks();
        synchronizeRegistry();

        boolean stop = false;
        while (!stop && clock.instant().isBefore(deadline)) {
            checkMaintenance();
            List<TaskRecord> due = store.listDue(clock.instant());
            if (!due.isEmpty()) {
                stop = runRound(due, deadline);
            }
            if (!stop) {
                sleeper.sleep(settings.sleep());
            }
        }

        if (verbose) {
            output.line("");
            StatusTable.printFull(output, store.listByNextRun(), zone);
            long exceeded = Math.max(0, Duration.between(deadline, clock.instant()).toSeconds());
            output.line("Reached normal execution time limit (exceeded by " + exceeded + "s)");
        }
    }

    /** Runs the due tasks in order of next run date; returns true when the deadline has passed. */
    private boolean runRound(List<TaskRecord> due, Instant deadline) throws MaintenanceDetected {
        if (verbose) {
            output.line(due.size() + " Tasks planned to run now (" + Timestamps.print(clock.instant(), zone) + "):");
            StatusTable.printDue(output, due, zone);
        }
        Set<String> ran = new HashSet<>();
        for (TaskRecord task : due) {
            BackgroundProcess process = processes.get(task.name());
            if (process == null) {
                continue;
            }
            runner.run(task, process, deadline);
            ran.add(task.name());
            if (clock.instant().isAfter(deadline)) {
                return true;
            }
            checkMaintenance();
        }
        if (verbose) {
            output.line("--");
            for (TaskRecord task : store.listByNextRun()) {
                if (task.status().equals(TaskRecord.ACTIVE) && !ran.contains(task.name())) {
                    output.line(StatusTable.skipLine(task.name(), task.nextRunDate(), zone));
                }
            }
            output.line("Sleeping...");
            output.line("");
        }
        return false;
    }

    /**
     * Creates the records of new processes, reactivates removed ones that are back, replans
     * scheduled processes whose stored date is later than their fresh next occurrence (which
     * includes the disabled date 3000-01-01), and marks the records of vanished processes
     * {@code removed}. Paused records are left as they are.
     */
    private void synchronizeRegistry() {
        Instant now = clock.instant();
        for (BackgroundProcess process : processes.values()) {
            Optional<TaskRecord> found = store.find(process.name());
            if (found.isEmpty()) {
                createRecord(process, now);
                continue;
            }
            TaskRecord task = found.get();
            if (task.status().equals(TaskRecord.PAUSED)) {
                continue;
            }
            if (task.status().equals(TaskRecord.REMOVED)) {
                store.setStatus(task.id(), TaskRecord.ACTIVE);
            }
            if (process instanceof ScheduledProcess scheduled) {
                replan(task, scheduled, now);
            }
        }
        for (String removed : store.markRemovedExcept(processes.keySet())) {
            LOG.info("Background task {} no longer exists: its record is now removed", removed);
        }
        if (verbose) {
            output.line("Background processes: " + String.join(", ", processes.keySet()));
        }
    }

    private void createRecord(BackgroundProcess process, Instant now) {
        Instant next;
        if (process instanceof PeriodicProcess) {
            next = now;
        } else {
            try {
                next = ((ScheduledProcess) process).nextOccurrence(now.atZone(zone)).toInstant();
            } catch (RuntimeException e) {
                store.insert(process.name(), null);
                runner.recordScheduleError(store.find(process.name()).orElseThrow(), e);
                return;
            }
        }
        store.insert(process.name(), next);
        if (verbose) {
            output.line("Creating record for: " + process.name());
            output.line("First execution planned at: " + Timestamps.print(next, zone));
        }
    }

    private void replan(TaskRecord task, ScheduledProcess process, Instant now) {
        Instant fresh;
        try {
            fresh = process.nextOccurrence(now.atZone(zone)).toInstant();
        } catch (RuntimeException e) {
            runner.recordScheduleError(task, e);
            return;
        }
        if (task.nextRunDate() == null || task.nextRunDate().isAfter(fresh)) {
            store.setNextRunDate(task.id(), fresh);
        }
    }

    private void recoverInterruptedAsyncTasks() {
        for (BackgroundProcess process : processes.values()) {
            if (process instanceof ExecAsyncTask exec) {
                int recovered = exec.recoverInterrupted();
                if (recovered > 0) {
                    LOG.warn("Put back {} asynchronous tasks interrupted while running", recovered);
                }
            }
        }
    }

    /**
     * Returns true when the stored access mode forbids administrator writes. The setting
     * {@code access_mode} of table {@code itop_setting} uses iTop's bit mask: 1 for user writes,
     * 2 for administrator writes; no row means full access.
     */
    private boolean isReadOnlyForAdministrators() {
        Optional<String> mode = database.jdbi().withHandle(handle -> handle
                .createQuery("SELECT value FROM itop_setting WHERE name = 'access_mode'")
                .mapTo(String.class)
                .findOne());
        if (mode.isEmpty()) {
            return false;
        }
        try {
            return (Integer.parseInt(mode.get().strip()) & 2) == 0;
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Invalid setting access_mode '" + mode.get()
                    + "' in table itop_setting: expected 0 to 3", e);
        }
    }

    private void checkMaintenance() throws MaintenanceDetected {
        if (settings.dataDirectory().isEmpty()) {
            return;
        }
        for (String marker : List.of(".maintenance", ".readonly")) {
            if (Files.exists(settings.dataDirectory().get().resolve(marker))) {
                output.line("Maintenance detected, exiting");
                LOG.warn("Cron run stopped: the marker file {} exists", settings.dataDirectory().get().resolve(marker));
                throw new MaintenanceDetected();
            }
        }
    }

    private String stamp(Instant instant) {
        return instant.getEpochSecond() + " (" + Timestamps.print(instant, zone) + ")";
    }
}
