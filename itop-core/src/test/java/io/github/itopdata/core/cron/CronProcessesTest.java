package io.github.itopdata.core.cron;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.testing.PostgresExtension;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two cron loops and two queue workers as separate JVMs on one database: PostgreSQL advisory
 * locks are re-entrant within one session, so only separate processes prove the exclusion.
 */
@ExtendWith(PostgresExtension.class)
class CronProcessesTest {

    private static final long PROCESS_TIMEOUT_SECONDS = 120;

    private final Database database;
    private GreenMail smtpServer;
    private final List<Process> started = new ArrayList<>();
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path directory;

    CronProcessesTest(Database database) {
        this.database = database;
    }

    @BeforeEach
    void setUp() {
        smtpServer = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtpServer.start();
        database.jdbi().useHandle(handle -> {
            handle.execute("DELETE FROM cron_background_task");
            handle.execute("DELETE FROM cron_async_task");
        });
    }

    @AfterEach
    void tearDown() {
        // A failed test must not leave a loop holding the lock for the next test.
        started.forEach(Process::destroyForcibly);
        smtpServer.stop();
    }

    private String jdbcUrl(Database target) {
        return target.settings().jdbcUrl().orElseThrow();
    }

    private Process start(String name, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                CronProcessMain.class.getName()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command)
                .redirectOutput(directory.resolve(name + ".out").toFile())
                .redirectError(directory.resolve(name + ".err").toFile())
                .start();
        started.add(process);
        return process;
    }

    private int finish(Process process) throws InterruptedException {
        assertThat(process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("process ended").isTrue();
        return process.exitValue();
    }

    private List<String> output(String name) throws IOException {
        return Files.readAllLines(directory.resolve(name + ".out"), StandardCharsets.UTF_8);
    }

    private void waitForFile(Path file, Process owner) throws Exception {
        while (!Files.exists(file)) {
            assertThat(owner.isAlive()).as("process creating %s is alive, stderr: %s", file,
                    Files.readString(directory.resolve("first.err"))).isTrue();
            Thread.sleep(50);
        }
    }

    private List<Map<String, Object>> registry(Database target) {
        return target.jdbi().withHandle(handle -> handle
                .createQuery("SELECT * FROM cron_background_task ORDER BY class_name")
                .mapToMap()
                .list());
    }

    private List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        for (MimeMessage message : smtpServer.getReceivedMessages()) {
            try {
                subjects.add(message.getSubject());
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return subjects;
    }

    @Test
    void secondLoopOnSameDatabaseSaysAlreadyRunning() throws Exception {
        String url = jdbcUrl(database);
        String port = Integer.toString(smtpServer.getSmtp().getPort());
        Path hold = directory.resolve("hold");
        Path release = directory.resolve("release");
        Process first = start("first", url, "cron", "5", port, hold.toString(), release.toString());
        waitForFile(hold, first);
        List<Map<String, Object>> before = registry(database);

        Process second = start("second", url, "cron", "600", port, "-", "-");
        int secondExit = finish(second);

        assertThat(secondExit).isZero();
        List<String> secondOutput = output("second");
        assertThat(secondOutput).hasSize(3);
        assertThat(secondOutput.get(0)).startsWith("Starting: ");
        assertThat(secondOutput.get(1)).isEqualTo("Already running...");
        assertThat(secondOutput.get(2)).startsWith("Exiting: ");
        assertThat(registry(database)).isEqualTo(before);

        try (Database other = PostgresExtension.openFreshDatabase("cron_other_process")) {
            Process elsewhere = start("elsewhere", jdbcUrl(other), "cron", "1", port, "-", "-");
            assertThat(finish(elsewhere)).isZero();
            assertThat(output("elsewhere")).doesNotContain("Already running...")
                    .contains("Background processes: ExecAsyncTask, RetentionPurge");
            assertThat(registry(other)).hasSize(2);
        }

        Files.createFile(release);
        assertThat(finish(first)).isZero();
        assertThat(output("first")).contains("HoldProcess: released");
    }

    @Test
    void twoLoopsNeverSendSameEmail() throws Exception {
        AsyncTaskQueue queue = new AsyncTaskQueue(database, Clock.systemUTC());
        for (int i = 0; i < 30; i++) {
            queue.enqueueEmail(EmailMessage.plainText(List.of("ops@example.org"), "Message " + i, "Body " + i));
        }
        String url = jdbcUrl(database);
        String port = Integer.toString(smtpServer.getSmtp().getPort());

        // A long enough run for a loaded machine: the loop must reach ExecAsyncTask before its deadline.
        Process first = start("first", url, "cron", "15", port, "-", "-");
        Process second = start("second", url, "cron", "15", port, "-", "-");

        assertThat(finish(first)).isZero();
        assertThat(finish(second)).isZero();
        assertThat(subjects()).hasSize(30).doesNotHaveDuplicates();
        assertThat(queue.countByStatus()).isEmpty();
    }

    @Test
    void twoQueueWorkersNeverTakeSameTask() throws Exception {
        AsyncTaskQueue queue = new AsyncTaskQueue(database, Clock.systemUTC());
        int count = 200;
        for (int i = 0; i < count; i++) {
            queue.enqueueEmail(EmailMessage.plainText(List.of("ops@example.org"), "Message " + i, "Body " + i));
        }
        String url = jdbcUrl(database);
        String port = Integer.toString(smtpServer.getSmtp().getPort());
        Path go = directory.resolve("go");

        Process first = start("first", url, "drain", port, go.toString());
        Process second = start("second", url, "drain", port, go.toString());
        Files.createFile(go);

        assertThat(finish(first)).isZero();
        assertThat(finish(second)).isZero();
        int firstCount = processedCount(output("first"));
        int secondCount = processedCount(output("second"));
        assertThat(firstCount + secondCount).isEqualTo(count);
        assertThat(subjects()).hasSize(count).doesNotHaveDuplicates();
        assertThat(queue.countByStatus()).isEmpty();
    }

    private static int processedCount(List<String> lines) {
        String last = lines.get(lines.size() - 1);
        assertThat(last).matches("processed \\d+ tasks");
        return Integer.parseInt(last.replaceAll("\\D", ""));
    }
}
