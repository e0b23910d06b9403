package io.github.itopdata.core.cron;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.core.cron.internal.CronLock;
import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.testing.PostgresExtension;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class CronLoopTest {

    private final Database database;
    private TestClock clock;
    private CronHarness cron;

    CronLoopTest(Database database) {
        this.database = database;
    }

    @BeforeEach
    void setUp() {
        clock = TestClock.at("2025-02-03T09:15:00");
        cron = new CronHarness(database, clock);
        cron.settings = cron.settings.withMaxExecutionTime(Duration.ofSeconds(10));
    }

    private FakeProcess periodic(String name, long seconds) {
        FakeProcess process = new FakeProcess(name, Duration.ofSeconds(seconds), clock);
        cron.register(process);
        return process;
    }

    @Test
    void newProcessRecordStartsEmptyAndRunsInFirstRound() {
        List<Map<String, Object>> seenDuringRun = new ArrayList<>();
        periodic("Collector", 600).doing(() -> {
            seenDuringRun.add(cron.record("Collector"));
            return "";
        });

        int exitCode = cron.run("verbose=1");

        assertThat(exitCode).isZero();
        assertThat(cron.lines()).contains("Creating record for: Collector",
                "First execution planned at: 2025-02-03 09:15:00");
        assertThat(seenDuringRun).hasSize(1);
        Map<String, Object> created = seenDuringRun.get(0);
        assertThat(created.get("total_exec_count")).isEqualTo(0);
        assertThat(created.get("min_run_duration")).isEqualTo(new BigDecimal("99999.999"));
        assertThat(created.get("max_run_duration")).isEqualTo(new BigDecimal("0.000"));
        assertThat(created.get("average_run_duration")).isEqualTo(new BigDecimal("0.000"));
        assertThat(created.get("status")).isEqualTo("active");
        assertThat(created.get("running")).isEqualTo(true);
        assertThat(created.get("run_by_user")).isEqualTo("admin");
        assertThat(cron.record("Collector").get("total_exec_count")).isEqualTo(1);
        assertThat(cron.record("Collector").get("running")).isEqualTo(false);
    }

    @Test
    void nextRunCountsFromPlannedTime() {
        periodic("Collector", 600).taking(Duration.ofSeconds(1));
        cron.run();
        cron.setNextRun("Collector", "2025-02-03T10:00:00");
        clock.set("2025-02-03T10:00:03");
        cron.settings = cron.settings.withMaxExecutionTime(Duration.ofSeconds(1));

        cron.run();

        assertThat(cron.local("Collector", "next_run_date")).isEqualTo("2025-02-03T10:10");
        assertThat(cron.local("Collector", "latest_run_date")).isEqualTo("2025-02-03T10:00:04");
    }

    @Test
    void missedSlotsAreSkippedAndRunOnce() {
        FakeProcess process = periodic("Collector", 600).taking(Duration.ofSeconds(1));
        cron.run();
        cron.setNextRun("Collector", "2025-02-03T10:00:00");
        clock.set("2025-02-03T10:47:20");

        cron.run();

        assertThat(process.runs()).isEqualTo(2);
        assertThat(cron.local("Collector", "next_run_date")).isEqualTo("2025-02-03T10:50");
    }

    @Test
    void durationStatisticsAfterTwoRuns() {
        Instant firstStart = clock.instant();
        periodic("Collector", 2).taking(Duration.ofMillis(500), Duration.ofMillis(1500));
        cron.settings = cron.settings.withMaxExecutionTime(Duration.ofSeconds(5));

        cron.run();

        assertThat(cron.record("Collector").get("total_exec_count")).isEqualTo(2);
        assertThat(cron.decimal("Collector", "average_run_duration")).isEqualTo(new BigDecimal("1.000"));
        assertThat(cron.decimal("Collector", "min_run_duration")).isEqualTo(new BigDecimal("0.500"));
        assertThat(cron.decimal("Collector", "max_run_duration")).isEqualTo(new BigDecimal("1.500"));
        assertThat(cron.decimal("Collector", "latest_run_duration")).isEqualTo(new BigDecimal("1.500"));
        assertThat(cron.instant("Collector", "first_run_date")).isEqualTo(firstStart);
    }

    @Test
    void failingProcessCountsAndLoopGoesOn() {
        periodic("DiskWriter", 600).doing(() -> {
            throw new IllegalStateException("disk full");
        });
        FakeProcess next = periodic("Collector", 600);

        int exitCode = cron.run("verbose=1");

        assertThat(exitCode).isZero();
        assertThat(cron.lines()).contains("DiskWriter: Processing failed with message: disk full");
        assertThat(cron.record("DiskWriter").get("total_exec_count")).isEqualTo(1);
        assertThat(cron.record("DiskWriter").get("running")).isEqualTo(false);
        assertThat(cron.local("DiskWriter", "next_run_date")).isEqualTo("2025-02-03T09:25");
        assertThat(next.runs()).isEqualTo(1);
    }

    @Test
    void fatalProcessExceptionPrintsErrorAndNextTaskRuns() {
        periodic("MailPoller", 600).doing(() -> {
            throw new FatalProcessException("mailbox locked");
        });
        FakeProcess next = periodic("Collector", 600);

        int exitCode = cron.run();

        assertThat(exitCode).isZero();
        assertThat(cron.lines())
                .contains("ERROR : an exception was thrown when processing 'MailPoller' (mailbox locked)");
        assertThat(cron.record("MailPoller").get("total_exec_count")).isEqualTo(1);
        assertThat(next.runs()).isEqualTo(1);
    }

    @Test
    void vanishedProcessIsRemovedThenRestored() {
        periodic("Collector", 600);
        periodic("LegacyMailPoller", 600);
        cron.run();
        cron.registry = new ProcessRegistry();
        periodic("Collector", 600);

        cron.run();

        assertThat(cron.record("LegacyMailPoller").get("status")).isEqualTo("removed");
        assertThat(cron.record("Collector").get("status")).isEqualTo("active");

        FakeProcess restored = new FakeProcess("LegacyMailPoller", Duration.ofSeconds(600), clock);
        cron.register(restored);
        cron.run();

        assertThat(cron.record("LegacyMailPoller").get("status")).isEqualTo("active");
        assertThat(cron.record("LegacyMailPoller").get("total_exec_count")).isEqualTo(1);
    }

    @Test
    void pausedTaskIsNeverRunNorModified() {
        FakeProcess process = periodic("Collector", 600);
        cron.run();
        cron.setStatus("Collector", "paused");
        cron.setNextRun("Collector", "2025-02-03T08:00:00");
        Map<String, Object> before = cron.record("Collector");
        clock.advance(Duration.ofHours(2));

        cron.run();

        assertThat(process.runs()).isEqualTo(1);
        assertThat(cron.record("Collector")).isEqualTo(before);

        cron.run("status_only=1");

        assertThat(cron.output).contains("| Collector                 | paused  |");
    }

    @Test
    void disabledScheduleIsPlannedInYear3000AndReplannedWhenEnabled() {
        WeeklyProcess backup = new WeeklyProcess();
        backup.enabled = false;
        cron.register(backup);

        cron.run();

        assertThat(cron.local("BackupExec", "next_run_date")).isEqualTo("3000-01-01T00:00");
        assertThat(backup.runs).isZero();

        backup.enabled = true;
        cron.run();

        assertThat(cron.local("BackupExec", "next_run_date")).isEqualTo("2025-02-03T23:30");
    }

    @Test
    void disablingKeepsStoredDate() {
        WeeklyProcess backup = new WeeklyProcess();
        cron.register(backup);
        cron.run();
        backup.enabled = false;

        cron.run();

        assertThat(cron.local("BackupExec", "next_run_date")).isEqualTo("2025-02-03T23:30");
    }

    @Test
    void scheduledProcessRunsAtItsTimeAndPlansNextDay() {
        WeeklyProcess backup = new WeeklyProcess();
        cron.register(backup);
        cron.run();
        clock.set("2025-02-03T23:29:55");

        cron.run();

        assertThat(backup.runs).isEqualTo(1);
        assertThat(cron.local("BackupExec", "next_run_date")).isEqualTo("2025-02-04T23:30");
    }

    @Test
    void earlierScheduleReplansStoredDate() {
        WeeklyProcess backup = new WeeklyProcess();
        cron.register(backup);
        cron.run();
        backup.time = "12:00";

        cron.run();

        assertThat(cron.local("BackupExec", "next_run_date")).isEqualTo("2025-02-03T12:00");
    }

    @Test
    void invalidScheduleIsPausedAndOthersRun() {
        WeeklyProcess backup = new WeeklyProcess();
        cron.register(backup);
        FakeProcess other = periodic("Collector", 600);
        cron.run();
        backup.weekDays = "Mon, Tue";

        int exitCode = cron.run();

        assertThat(exitCode).isZero();
        assertThat(cron.lines()).contains("ERROR : an exception was thrown when processing 'BackupExec'"
                + " (itop-backup: wrong format for setting 'week_days' (found 'mon'))");
        assertThat(cron.record("BackupExec").get("status")).isEqualTo("paused");
        assertThat(other.runs()).isEqualTo(1);
    }

    @Test
    void maintenanceMarkerStopsLoopAndReleasesLock(@TempDir Path dataDirectory) throws Exception {
        cron.settings = cron.settings.withDataDirectory(dataDirectory).withMaxExecutionTime(Duration.ofSeconds(600));
        periodic("Collector", 2).doing(() -> {
            // The third run creates the marker, so the loop stops right after it.
            if (cron.record("Collector").get("total_exec_count").equals(2)) {
                Files.createFile(dataDirectory.resolve(".maintenance"));
            }
            return "";
        });

        int exitCode = cron.run();

        assertThat(exitCode).isEqualTo(4);
        assertThat(cron.lines()).last().isEqualTo("Maintenance detected, exiting");
        assertThat(cron.record("Collector").get("total_exec_count")).isEqualTo(3);
        try (CronLock lock = CronLock.tryAcquire(database.dataSource()).orElseThrow()) {
            assertThat(lock).isNotNull();
        }
    }

    @Test
    void readOnlyMarkerRefusesStart(@TempDir Path dataDirectory) throws Exception {
        cron.settings = cron.settings.withDataDirectory(dataDirectory);
        Files.createFile(dataDirectory.resolve(".readonly"));

        int exitCode = cron.run();

        assertThat(exitCode).isEqualTo(4);
        assertThat(cron.output).isEqualTo("iTop is read-only. Exiting...\n");
    }

    @Test
    void longTaskCompletesPastDeadline() {
        cron.settings = cron.settings.withMaxExecutionTime(Duration.ofSeconds(60)).withSleep(Duration.ofSeconds(5));
        FakeProcess slow = periodic("Backup", 3600).taking(Duration.ofSeconds(90));
        cron.run();
        Instant start = clock.instant();
        cron.setNextRun("Backup", start.plusSeconds(55).atZone(clock.getZone()).toLocalDateTime().toString());

        int exitCode = cron.run("verbose=1");

        assertThat(exitCode).isZero();
        assertThat(slow.runs()).isEqualTo(2);
        assertThat(cron.lines()).contains("Reached normal execution time limit (exceeded by 85s)");
    }

    @Test
    void taskLimitIsPeriodicityTimesSetting() {
        cron.settings = cron.settings.withTaskMaxExecutionTime(3);
        FakeProcess process = periodic("ExecAsyncTask", 2);
        Instant start = clock.instant();

        cron.run();

        assertThat(process.deadlines.get(0)).isEqualTo(start.plusSeconds(6));
    }

    @Test
    void taskLimitIsCronDeadlineWhenEarlier() {
        cron.settings = cron.settings.withTaskMaxExecutionTime(30);
        FakeProcess process = periodic("ExecAsyncTask", 2);
        Instant start = clock.instant();

        cron.run();

        assertThat(process.deadlines.get(0)).isEqualTo(start.plusSeconds(10));
    }

    @Test
    void readOnlyDatabaseIsMaintenance() {
        database.jdbi().useHandle(handle -> handle.execute(
                "INSERT INTO itop_setting (name, value) VALUES ('access_mode', '1')"));
        FakeProcess process = periodic("Collector", 600);

        int exitCode = cron.run();

        assertThat(exitCode).isEqualTo(4);
        assertThat(cron.lines()).containsExactly("Starting: 1738570500 (2025-02-03 09:15:00)",
                "A maintenance is ongoing", "Exiting: 1738570500 (2025-02-03 09:15:00)");
        assertThat(process.runs()).isZero();
    }

    @Test
    void secondLoopOnSameDatabaseExitsAtOnce() throws Exception {
        FakeProcess process = periodic("Collector", 600);
        cron.run();
        Map<String, Object> before = cron.record("Collector");
        clock.advance(Duration.ofHours(1));

        int exitCode;
        try (CronLock other = CronLock.tryAcquire(database.dataSource()).orElseThrow()) {
            exitCode = cron.run();
        }

        assertThat(exitCode).isZero();
        assertThat(cron.lines()).containsExactly("Starting: 1738574110 (2025-02-03 10:15:10)", "Already running...",
                "Exiting: 1738574110 (2025-02-03 10:15:10)");
        assertThat(process.runs()).isEqualTo(1);
        assertThat(cron.record("Collector")).isEqualTo(before);
    }

    @Test
    void statusOnlyWorksWhileAnotherLoopRuns() throws Exception {
        periodic("Collector", 600);
        cron.run();

        int exitCode;
        try (CronLock other = CronLock.tryAcquire(database.dataSource()).orElseThrow()) {
            exitCode = cron.run("status_only=1");
        }

        assertThat(exitCode).isZero();
        assertThat(cron.output).doesNotContain("Starting:");
        assertThat(cron.output).contains("| Collector                 | active  |");
    }

    @Test
    void loopOnAnotherDatabaseIsNotBlocked() throws Exception {
        try (Database other = PostgresExtension.openFreshDatabase("cron_other");
             CronLock held = CronLock.tryAcquire(database.dataSource()).orElseThrow()) {
            CronHarness otherCron = new CronHarness(other, clock);
            FakeProcess process = new FakeProcess("Collector", Duration.ofSeconds(600), clock);
            otherCron.register(process);

            int exitCode = otherCron.run();

            assertThat(exitCode).isZero();
            assertThat(otherCron.output).doesNotContain("Already running");
            assertThat(process.runs()).isEqualTo(1);
        }
    }

    @Test
    void wrongCredentialsAreRejected() {
        int exitCode = cron.runParameters(Map.of("auth_user", "ops", "auth_pwd", "wrong"));

        assertThat(exitCode).isEqualTo(255);
        assertThat(cron.output).isEqualTo("Access wrong credentials ('ops')\n");
    }

    @Test
    void nonAdministratorIsRejected() {
        int exitCode = cron.runParameters(Map.of("auth_user", "ops", "auth_pwd", "ops"));

        assertThat(exitCode).isEqualTo(255);
        assertThat(cron.output).isEqualTo("Access restricted to administrators\n");
    }

    @Test
    void missingArgumentPrintsUsage() {
        int exitCode = cron.runParameters(Map.of());

        assertThat(exitCode).isEqualTo(2);
        assertThat(cron.output).isEqualTo("ERROR: Missing argument 'auth_user'\n\nUSAGE:\n\n"
                + "php cron.php --auth_user=<login> --auth_pwd=<password> [--param_file=<file>] [--verbose=1]"
                + " [--debug=1] [--status_only=1]\n\n");
    }

    @Test
    void statusOnlyWithoutCredentialsIsMissingArgument() {
        int exitCode = cron.runParameters(Map.of("status_only", "1"));

        assertThat(exitCode).isEqualTo(2);
        assertThat(cron.output).startsWith("ERROR: Missing argument 'auth_user'\n");
    }

    @Test
    void verboseZeroIsQuiet() {
        periodic("Collector", 600);

        cron.run("verbose=0");

        assertThat(cron.lines()).hasSize(2);
        assertThat(cron.lines().get(0)).isEqualTo("Starting: 1738570500 (2025-02-03 09:15:00)");
        assertThat(cron.lines().get(1)).isEqualTo("Exiting: 1738570510 (2025-02-03 09:15:10)");
    }

    @Test
    void verboseYesPrintsRounds() {
        periodic("Collector", 600).doing(() -> "collected 3 hosts");
        periodic("ExecAsyncTask", 2);

        cron.run("verbose=yes");

        assertThat(cron.lines()).startsWith(
                "Starting: 1738570500 (2025-02-03 09:15:00)",
                "Planned duration = 10 seconds",
                "Loop pause = 2 seconds",
                "Creating record for: Collector",
                "First execution planned at: 2025-02-03 09:15:00",
                "Creating record for: ExecAsyncTask",
                "First execution planned at: 2025-02-03 09:15:00",
                "Background processes: Collector, ExecAsyncTask",
                "2 Tasks planned to run now (2025-02-03 09:15:00):",
                "+---------------------------+---------+---------------------+---------------------+",
                "| Task Class                | Status  | Last Run            | Next Run            |",
                "+---------------------------+---------+---------------------+---------------------+",
                "| Collector                 | active  |                     | 2025-02-03 09:15:00 |",
                "| ExecAsyncTask             | active  |                     | 2025-02-03 09:15:00 |",
                "+---------------------------+---------+---------------------+---------------------+",
                ">> === 2025-02-03 09:15:00 Starting: Collector ======================================",
                "Collector: collected 3 hosts",
                "<< === 2025-02-03 09:15:00 End of:   Collector =============================== Next: 2025-02-03 09:25:00",
                ">> === 2025-02-03 09:15:00 Starting: ExecAsyncTask ==================================",
                "<< === 2025-02-03 09:15:00 End of:   ExecAsyncTask =========================== Next: 2025-02-03 09:15:02",
                "--",
                "Sleeping...",
                "",
                "1 Tasks planned to run now (2025-02-03 09:15:02):",
                "+---------------------------+---------+---------------------+---------------------+",
                "| Task Class                | Status  | Last Run            | Next Run            |",
                "+---------------------------+---------+---------------------+---------------------+",
                "| ExecAsyncTask             | active  | 2025-02-03 09:15:00 | 2025-02-03 09:15:02 |",
                "+---------------------------+---------+---------------------+---------------------+",
                ">> === 2025-02-03 09:15:02 Starting: ExecAsyncTask ==================================",
                "<< === 2025-02-03 09:15:02 End of:   ExecAsyncTask =========================== Next: 2025-02-03 09:15:04",
                "--",
                "-- Skipping task: Collector ------------------------------ until: 2025-02-03 09:25:00",
                "Sleeping...",
                "");
        assertThat(cron.lines()).endsWith(
                "",
                "+---------------------------+---------+---------------------+---------------------+--------+-----------+",
                "| Task Class                | Status  | Last Run            | Next Run            | Nb Run | Avg. Dur. |",
                "+---------------------------+---------+---------------------+---------------------+--------+-----------+",
                "| ExecAsyncTask             | active  | 2025-02-03 09:15:08 | 2025-02-03 09:15:10 |      5 |   0.000 s |",
                "| Collector                 | active  | 2025-02-03 09:15:00 | 2025-02-03 09:25:00 |      1 |   0.000 s |",
                "+---------------------------+---------+---------------------+---------------------+--------+-----------+",
                "Reached normal execution time limit (exceeded by 0s)",
                "Exiting: 1738570510 (2025-02-03 09:15:10)");
    }

    @Test
    void statusTableWithoutRecordsIsEmptyFrame() {
        int exitCode = cron.run("status_only=1");

        assertThat(exitCode).isZero();
        assertThat(cron.lines()).containsExactly(
                "+---------------------------+---------+---------------------+---------------------+--------+-----------+",
                "| Task Class                | Status  | Last Run            | Next Run            | Nb Run | Avg. Dur. |",
                "+---------------------------+---------+---------------------+---------------------+--------+-----------+",
                "+---------------------------+---------+---------------------+---------------------+--------+-----------+");
    }

    @Test
    void statusTableSortsByNameAndCutsLongNames() {
        periodic("Combodo\\iTop\\SessionTracker\\SessionGC", 60).taking(Duration.ofMillis(2));
        periodic("BulkExportResultGC", 86400).taking(Duration.ofMillis(4));
        cron.run();

        cron.run("status_only=1");

        assertThat(cron.lines()).containsExactly(
                "+---------------------------+---------+---------------------+---------------------+--------+-----------+",
                "| Task Class                | Status  | Last Run            | Next Run            | Nb Run | Avg. Dur. |",
                "+---------------------------+---------+---------------------+---------------------+--------+-----------+",
                "| BulkExportResultGC        | active  | 2025-02-03 09:15:00 | 2025-02-04 09:15:00 |      1 |   0.004 s |",
                "| Combodo\\iTop\\SessionTrack | active  | 2025-02-03 09:15:00 | 2025-02-03 09:16:00 |      1 |   0.002 s |",
                "+---------------------------+---------+---------------------+---------------------+--------+-----------+");
    }

    @Test
    void unexpectedFailureExitsOne() {
        periodic("Collector", 600);
        database.jdbi().useHandle(handle -> handle.execute(
                "INSERT INTO itop_setting (name, value) VALUES ('access_mode', 'full')"));

        int exitCode = cron.run();

        assertThat(exitCode).isEqualTo(1);
        assertThat(cron.lines()).contains(
                "ERROR: 'Invalid setting access_mode 'full' in table itop_setting: expected 0 to 3'");
        assertThat(cron.lines()).last().asString().startsWith("Exiting: ");
    }

    @Test
    void healthTracksLastLoopStart() {
        database.jdbi().useHandle(handle -> handle.execute("DELETE FROM itop_setting WHERE name = 'cron_last_start'"));
        Duration max = cron.settings.maxExecutionTime();

        assertThat(CronHealth.check(database, max, clock).toJson(clock.getZone()))
                .isEqualTo("{\"status\":\"NEVER\",\"code\":2,\"message\":\"\",\"last_start\":\"\"}");

        cron.run();
        clock.advance(Duration.ofSeconds(20));

        assertThat(CronHealth.check(database, max, clock).toJson(clock.getZone())).isEqualTo(
                "{\"status\":\"RUNNING\",\"code\":0,\"message\":\"\",\"last_start\":\"2025-02-03 09:15:00\"}");

        clock.advance(Duration.ofSeconds(1));

        assertThat(CronHealth.check(database, max, clock).status()).isEqualTo("LATE");
        assertThat(CronHealth.check(database, max, clock).code()).isEqualTo(1);
    }

    @Test
    void httpOutputIsOneParagraphPerLine() {
        ByteArrayOutputStreamHolder holder = new ByteArrayOutputStreamHolder();
        CronService service = new CronService(database, cron.settings, cron.registry, new TestAuthenticator(), clock,
                clock.sleeper());

        int exitCode = service.run(CronRequest.fromHttp(Map.of("status_only", "1"), "admin"), holder.stream);

        assertThat(exitCode).isZero();
        assertThat(holder.text()).contains("<p>| Task Class                | Status  |");
        assertThat(holder.text()).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        assertThat(Optional.of(holder.text())).hasValueSatisfying(text -> assertThat(text).contains("<body>"));
    }

    private static final class ByteArrayOutputStreamHolder {
        final java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();

        String text() {
            return stream.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
