package io.github.itopdata.core.cron;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.testing.PostgresExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * E-mails over TLS to a GreenMail SMTPS server whose certificate, made here with the JDK's
 * keytool for 127.0.0.1, is trusted only through the settings' trust store.
 */
@ExtendWith(PostgresExtension.class)
class SmtpTlsTest {

    private static final String PASSWORD = "changeit";

    @TempDir
    static Path directory;
    private static Path keyStore;
    private static GreenMail smtpsServer;

    private final Database database;

    SmtpTlsTest(Database database) {
        this.database = database;
    }

    @BeforeAll
    static void startServer() throws Exception {
        keyStore = directory.resolve("smtp.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "smtp", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .inheritIO()
                .start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).isZero();

        System.setProperty("greenmail.tls.keystore.file", keyStore.toString());
        System.setProperty("greenmail.tls.keystore.password", PASSWORD);
        System.setProperty("greenmail.tls.key.password", PASSWORD);
        smtpsServer = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS).dynamicPort());
        smtpsServer.start();
    }

    @AfterAll
    static void stopServer() {
        smtpsServer.stop();
        System.clearProperty("greenmail.tls.keystore.file");
        System.clearProperty("greenmail.tls.keystore.password");
        System.clearProperty("greenmail.tls.key.password");
    }

    private Map<String, Object> sendOne(SmtpSettings smtp) throws Exception {
        TestClock clock = TestClock.at("2025-02-03T09:15:00");
        CronHarness cron = new CronHarness(database, clock);
        CronSettings settings = cron.settings.withSmtp(smtp);
        long id = new AsyncTaskQueue(database, clock)
                .enqueueEmail(EmailMessage.plainText(List.of("ops@example.org"), "Over TLS", "Body"));

        ProcessRegistry.withBuiltIns(database, settings, clock).find("ExecAsyncTask").orElseThrow()
                .process(clock.instant().plusSeconds(60));

        return database.jdbi().withHandle(handle -> handle
                .createQuery("SELECT status, last_error FROM cron_async_task WHERE id = :id")
                .bind("id", id)
                .mapToMap()
                .findOne()
                .orElse(Map.of("status", "deleted")));
    }

    private SmtpSettings tls() {
        return new SmtpSettings("127.0.0.1", smtpsServer.getSmtps().getPort(), SmtpSettings.Security.TLS,
                Optional.empty(), "", "itop@example.org", Duration.ofSeconds(10));
    }

    @Test
    void trustedCertificateDelivers() throws Exception {
        Map<String, Object> task = sendOne(tls().withTrustStore(keyStore, PASSWORD));

        assertThat(task.get("status")).isEqualTo("deleted");
        assertThat(smtpsServer.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(smtpsServer.getReceivedMessages()[0].getSubject()).isEqualTo("Over TLS");
    }

    @Test
    void unreadableTrustStoreFailsTask() throws Exception {
        Map<String, Object> task = sendOne(tls().withTrustStore(directory.resolve("missing.p12"), PASSWORD));

        assertThat(task.get("status")).isEqualTo("planned");
        assertThat((String) task.get("last_error")).startsWith("Could not read the SMTP trust store ");
    }

    @Test
    void untrustedCertificateIsRetried() throws Exception {
        int before = smtpsServer.getReceivedMessages().length;

        Map<String, Object> task = sendOne(tls());

        assertThat(task.get("status")).isEqualTo("planned");
        assertThat((String) task.get("last_error")).containsIgnoringCase("certif");
        assertThat(smtpsServer.getReceivedMessages()).hasSize(before);
    }
}
