package io.github.itopdata.core.cron;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.testing.PostgresExtension;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class AsyncEmailTest {

    private final Database database;
    private TestClock clock;
    private CronHarness cron;
    private GreenMail smtpServer;
    private AsyncTaskQueue queue;

    AsyncEmailTest(Database database) {
        this.database = database;
    }

    @BeforeEach
    void setUp() {
        smtpServer = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer@example.org", "mailer", "mailpass"));
        smtpServer.start();
        clock = TestClock.at("2025-02-03T09:15:00");
        cron = new CronHarness(database, clock);
        useSmtp(SmtpSettings.plain("127.0.0.1", smtpServer.getSmtp().getPort(), "itop@example.org"));
        queue = new AsyncTaskQueue(database, clock);
    }

    @AfterEach
    void stopServer() {
        smtpServer.stop();
    }

    private void useSmtp(SmtpSettings smtp) {
        cron.settings = cron.settings.withSmtp(smtp);
        cron.registry = ProcessRegistry.withBuiltIns(database, cron.settings, clock);
    }

    private String drainQueue() throws Exception {
        BackgroundProcess exec = cron.registry.find("ExecAsyncTask").orElseThrow();
        return exec.process(clock.instant().plusSeconds(60));
    }

    private Map<String, Object> task(long id) {
        return database.jdbi().withHandle(handle -> handle
                .createQuery("SELECT * FROM cron_async_task WHERE id = :id")
                .bind("id", id)
                .mapToMap()
                .one());
    }

    private Optional<Map<String, Object>> findTask(long id) {
        return database.jdbi().withHandle(handle -> handle
                .createQuery("SELECT * FROM cron_async_task WHERE id = :id")
                .bind("id", id)
                .mapToMap()
                .findOne());
    }

    private Instant instant(Object value) {
        return value instanceof OffsetDateTime offset ? offset.toInstant() : ((Timestamp) value).toInstant();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static EmailMessage sampleEmail() {
        return new EmailMessage("", List.of("alice@example.org", "bob@example.org"), List.of("carol@example.org"),
                List.of("dave@example.org"), "Import terminé: 12 rows", "Created: 10\nUpdated: 2", "text/plain",
                Map.of("X-Itop-Origin", "import"));
    }

    @Test
    void sentEmailReachesServerAndTaskIsDeleted() throws Exception {
        long id = queue.enqueueEmail(sampleEmail());

        String result = drainQueue();

        assertThat(result).isEqualTo("processed 1 tasks");
        assertThat(findTask(id)).isEmpty();
        assertThat(smtpServer.waitForIncomingEmail(5000, 4)).isTrue();
        MimeMessage[] received = smtpServer.getReceivedMessages();
        assertThat(received).hasSize(4);
        MimeMessage message = received[0];
        assertThat(message.getSubject()).isEqualTo("Import terminé: 12 rows");
        assertThat(((String) message.getContent()).replace("\r\n", "\n")).isEqualTo("Created: 10\nUpdated: 2");
        assertThat(message.getFrom()[0].toString()).isEqualTo("itop@example.org");
        assertThat(Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString))
                .containsExactly("alice@example.org", "bob@example.org");
        assertThat(Arrays.stream(message.getRecipients(Message.RecipientType.CC)).map(Object::toString))
                .containsExactly("carol@example.org");
        assertThat(message.getHeader("X-Itop-Origin")).containsExactly("import");
        assertThat(message.getHeader("Bcc")).isNull();
        for (String recipient : List.of("alice@example.org", "bob@example.org", "carol@example.org",
                "dave@example.org")) {
            GreenMailUser user = smtpServer.getUserManager().getUserByEmail(recipient);
            assertThat(user).as("mailbox of %s", recipient).isNotNull();
            assertThat(smtpServer.getManagers().getImapHostManager().getInbox(user).getMessageCount())
                    .as("messages delivered to %s", recipient).isEqualTo(1);
        }
    }

    @Test
    void authenticatedSmtpSends() throws Exception {
        useSmtp(new SmtpSettings("127.0.0.1", smtpServer.getSmtp().getPort(), SmtpSettings.Security.NONE,
                Optional.of("mailer"), "mailpass", "mailer@example.org", Duration.ofSeconds(10)));
        long id = queue.enqueueEmail(EmailMessage.plainText(List.of("ops@example.org"), "Hello", "Body"));

        drainQueue();

        assertThat(findTask(id)).isEmpty();
        assertThat(smtpServer.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(smtpServer.getReceivedMessages()[0].getFrom()[0].toString()).isEqualTo("mailer@example.org");
    }

    @Test
    void wrongSmtpPasswordIsRetried() throws Exception {
        useSmtp(new SmtpSettings("127.0.0.1", smtpServer.getSmtp().getPort(), SmtpSettings.Security.NONE,
                Optional.of("mailer"), "wrong", "mailer@example.org", Duration.ofSeconds(10)));
        long id = queue.enqueueEmail(EmailMessage.plainText(List.of("ops@example.org"), "Hello", "Body"));

        drainQueue();

        Map<String, Object> task = task(id);
        assertThat(task.get("status")).isEqualTo("planned");
        assertThat(task.get("remaining_retries")).isEqualTo(2);
        assertThat((String) task.get("last_error")).containsIgnoringCase("authentication");
        assertThat(smtpServer.getReceivedMessages()).isEmpty();
    }

    @Test
    void unreachableServerIsRetriedThreeTimesThenError() throws Exception {
        useSmtp(SmtpSettings.plain("127.0.0.1", closedPort(), "itop@example.org"));
        Instant t0 = clock.instant();
        long id = queue.enqueueEmail(EmailMessage.plainText(List.of("ops@example.org"), "Hello", "Body"));

        drainQueue();

        Map<String, Object> first = task(id);
        assertThat(first.get("status")).isEqualTo("planned");
        assertThat(first.get("remaining_retries")).isEqualTo(2);
        assertThat(first.get("last_error_code")).isEqualTo(0);
        assertThat((String) first.get("last_error")).contains("Connection refused");
        assertThat(instant(first.get("planned"))).isEqualTo(t0.plusSeconds(600));

        for (int retry = 1; retry <= 3; retry++) {
            Instant planned = instant(task(id).get("planned"));
            clock.set(planned.atZone(clock.getZone()).toLocalDateTime().toString());
            assertThat(drainQueue()).as("attempt at the planned instant itself").isEqualTo("processed 0 tasks");
            clock.advance(Duration.ofSeconds(1));
            assertThat(drainQueue()).isEqualTo("processed 1 tasks");
        }

        Map<String, Object> last = task(id);
        assertThat(last.get("status")).isEqualTo("error");
        assertThat(last.get("remaining_retries")).isEqualTo(0);
        assertThat(last.get("planned")).isNull();
        assertThat(last.get("started")).isNull();
        assertThat((String) last.get("last_error")).contains("Connection refused");

        cron.run("status_only=1");

        assertThat(cron.lines()).contains("Async tasks in error: 1");
        assertThat(cron.lines()).anySatisfy(line -> assertThat(line)
                .startsWith("#" + id + " AsyncSendEmail (last attempt 2025-02-03 09:45:03): ")
                .contains("Connection refused"));
    }

    @Test
    void exponentialDelayDoublesEachRetry() throws Exception {
        cron.settings = cron.settings.withAsyncTaskRetries(
                Map.of("AsyncSendEmail", new RetryPolicy(3, Duration.ofSeconds(600), true)));
        useSmtp(SmtpSettings.plain("127.0.0.1", closedPort(), "itop@example.org"));
        long id = queue.enqueueEmail(EmailMessage.plainText(List.of("ops@example.org"), "Hello", "Body"));

        long[] expectedDelays = {600, 1200, 2400};
        int[] expectedRemaining = {2, 1, 0};
        for (int attempt = 0; attempt < 3; attempt++) {
            Instant attemptTime = clock.instant();
            drainQueue();
            Map<String, Object> task = task(id);
            assertThat(task.get("remaining_retries")).isEqualTo(expectedRemaining[attempt]);
            assertThat(Duration.between(attemptTime, instant(task.get("planned"))).toSeconds())
                    .isEqualTo(expectedDelays[attempt]);
            clock.set(instant(task.get("planned")).plusSeconds(1).atZone(clock.getZone()).toLocalDateTime().toString());
        }
        drainQueue();

        assertThat(task(id).get("status")).isEqualTo("error");
        assertThat(task(id).get("remaining_retries")).isEqualTo(0);
    }

    @Test
    void rejectedRecipientLeavesReasonAndRetries() throws Exception {
        try (RejectingSmtpServer rejecting = new RejectingSmtpServer()) {
            useSmtp(SmtpSettings.plain("127.0.0.1", rejecting.port(), "itop@example.org"));
            long id = queue.enqueueEmail(EmailMessage.plainText(List.of("nobody@example.org"), "Hello", "Body"));

            drainQueue();

            Map<String, Object> task = task(id);
            assertThat(task.get("status")).isEqualTo("planned");
            assertThat((String) task.get("last_error")).contains("550 5.1.1 Mailbox unavailable");
            assertThat(task.get("remaining_retries")).isEqualTo(2);
        }
    }

    @Test
    void classWithoutPolicyGoesStraightToError() throws Exception {
        cron.settings = cron.settings.withAsyncTaskRetries(Map.of());
        useSmtp(SmtpSettings.plain("127.0.0.1", closedPort(), "itop@example.org"));
        long id = queue.enqueueEmail(EmailMessage.plainText(List.of("ops@example.org"), "Hello", "Body"));

        drainQueue();

        assertThat(task(id).get("status")).isEqualTo("error");
        assertThat(task(id).get("remaining_retries")).isEqualTo(0);
    }

    @Test
    void futureTaskWaitsUntilStrictlyPast() throws Exception {
        long id = queue.enqueueEmail(EmailMessage.plainText(List.of("ops@example.org"), "Later", "Body"),
                clock.instant().plusSeconds(300));

        assertThat(drainQueue()).isEqualTo("processed 0 tasks");
        clock.advance(Duration.ofSeconds(300));
        assertThat(drainQueue()).isEqualTo("processed 0 tasks");
        clock.advance(Duration.ofMillis(1));
        assertThat(drainQueue()).isEqualTo("processed 1 tasks");

        assertThat(findTask(id)).isEmpty();
        assertThat(smtpServer.waitForIncomingEmail(5000, 1)).isTrue();
    }

    @Test
    void unknownStorageVersionCountsAsDone() throws Exception {
        long id = queue.enqueueEmail(EmailMessage.plainText(List.of("ops@example.org"), "Old", "Body"));
        database.jdbi().useHandle(handle -> handle.execute("UPDATE cron_async_email SET version = 1"));

        assertThat(drainQueue()).isEqualTo("processed 1 tasks");

        assertThat(findTask(id)).isEmpty();
        assertThat(smtpServer.getReceivedMessages()).isEmpty();
    }

    @Test
    void missingSmtpSettingsFailWithHint() throws Exception {
        cron.settings = CronSettings.defaults().withTimeZone(clock.getZone());
        cron.registry = ProcessRegistry.withBuiltIns(database, cron.settings, clock);
        long id = queue.enqueueEmail(EmailMessage.plainText(List.of("ops@example.org"), "Hello", "Body"));

        drainQueue();

        assertThat((String) task(id).get("last_error")).isEqualTo("no SMTP server is configured: set the SMTP host and port");
    }

    @Test
    void interruptedTaskIsPutBackAtCronStart() {
        long id = queue.enqueueEmail(EmailMessage.plainText(List.of("ops@example.org"), "Hello", "Body"));
        database.jdbi().useHandle(handle -> handle.createUpdate(
                        "UPDATE cron_async_task SET status = 'running', started = :started WHERE id = :id")
                .bind("started", clock.instant().minusSeconds(601).atOffset(java.time.ZoneOffset.UTC))
                .bind("id", id)
                .execute());
        cron.settings = cron.settings.withMaxExecutionTime(Duration.ofSeconds(1));
        cron.registry = ProcessRegistry.withBuiltIns(database, cron.settings, clock);

        cron.run();

        Map<String, Object> task = task(id);
        assertThat(task.get("status")).isEqualTo("planned");
        assertThat(task.get("last_error")).isEqualTo("interrupted");
        assertThat(task.get("remaining_retries")).isEqualTo(2);
    }

    @Test
    void recentRunningTaskIsLeftAlone() {
        long id = queue.enqueueEmail(EmailMessage.plainText(List.of("ops@example.org"), "Hello", "Body"));
        database.jdbi().useHandle(handle -> handle.createUpdate(
                        "UPDATE cron_async_task SET status = 'running', started = :started WHERE id = :id")
                .bind("started", clock.instant().minusSeconds(60).atOffset(java.time.ZoneOffset.UTC))
                .bind("id", id)
                .execute());
        cron.settings = cron.settings.withMaxExecutionTime(Duration.ofSeconds(600));
        cron.registry = ProcessRegistry.withBuiltIns(database, cron.settings, clock);
        cron.settings = cron.settings.withMaxExecutionTime(Duration.ofSeconds(1));

        cron.run();

        assertThat(task(id).get("status")).isEqualTo("running");
    }

    @Test
    void cronRunSendsQueuedEmails() throws Exception {
        queue.enqueueEmail(EmailMessage.plainText(List.of("ops@example.org"), "First", "1"));
        queue.enqueueEmail(EmailMessage.plainText(List.of("ops@example.org"), "Second", "2"));
        cron.settings = cron.settings.withMaxExecutionTime(Duration.ofSeconds(4));
        cron.registry = ProcessRegistry.withBuiltIns(database, cron.settings, clock);

        int exitCode = cron.run("verbose=1");

        assertThat(exitCode).isZero();
        assertThat(cron.lines()).contains("Background processes: ExecAsyncTask, RetentionPurge",
                "ExecAsyncTask: processed 2 tasks", "ExecAsyncTask: processed 0 tasks",
                "RetentionPurge: deleted 0 synchro logs and 0 async tasks in error");
        assertThat(smtpServer.waitForIncomingEmail(5000, 2)).isTrue();
        assertThat(Arrays.stream(smtpServer.getReceivedMessages()).map(message -> {
            try {
                return message.getSubject();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        })).containsExactly("First", "Second");
        assertThat(queue.countByStatus()).isEmpty();
    }

    @Test
    void statusOnlyVerboseCountsTasks() {
        queue.enqueueEmail(EmailMessage.plainText(List.of("ops@example.org"), "Hello", "Body"));

        cron.run("status_only=1", "verbose=1");

        assertThat(cron.lines()).last().isEqualTo("Async tasks: 1 planned, 0 running, 0 in error");
    }
}
