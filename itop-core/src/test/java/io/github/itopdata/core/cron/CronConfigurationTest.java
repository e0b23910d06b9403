package io.github.itopdata.core.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.itopdata.paramfile.ParameterOrigin;
import io.github.itopdata.paramfile.Parameters;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CronConfigurationTest {

    private static Parameters.Builder config() {
        return Parameters.builder();
    }

    private static void set(Parameters.Builder builder, String name, String value) {
        builder.add(name, value, ParameterOrigin.configFile("itop.conf", 1));
    }

    @Test
    void defaultsWithoutSettings() {
        CronSettings settings = CronConfiguration.read(Parameters.empty());

        assertThat(settings.maxExecutionTime()).isEqualTo(Duration.ofSeconds(600));
        assertThat(settings.sleep()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.retryPolicy("AsyncSendEmail")).isEqualTo(RetryPolicy.EMAIL_DEFAULT);
        assertThat(settings.retryPolicy("AsyncSendNewsroom")).isEqualTo(RetryPolicy.NONE);
        assertThat(settings.smtp()).isEmpty();
    }

    @Test
    void configurationFileSettingsAreRead() {
        Parameters.Builder builder = config();
        set(builder, "cron_max_execution_time", "300");
        set(builder, "cron_sleep", "5");
        set(builder, "cron_task_max_execution_time", "3");
        set(builder, "synchro_log_retention_days", "60");
        set(builder, "async_task_error_retention_days", "7");
        set(builder, "async_task_retries.AsyncSendEmail.max_retries", "5");
        set(builder, "async_task_retries.AsyncSendEmail.exponential_delay", "true");
        set(builder, "timezone", "Europe/Paris");
        set(builder, "email_transport_smtp.host", "smtp.example.org");
        set(builder, "email_transport_smtp.port", "587");
        set(builder, "email_transport_smtp.encryption", "tls");
        set(builder, "email_transport_smtp.username", "mailer");
        set(builder, "email_transport_smtp.password", "s3cret");
        set(builder, "email_default_sender_address", "cmdb@example.org");
        set(builder, "email_transport_smtp.trust_store", "/etc/itop/smtp-ca.p12");
        set(builder, "email_transport_smtp.trust_store_password", "storepass");

        CronSettings settings = CronConfiguration.read(builder.build());

        assertThat(settings.maxExecutionTime()).isEqualTo(Duration.ofSeconds(300));
        assertThat(settings.sleep()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.taskMaxExecutionTime()).isEqualTo(3);
        assertThat(settings.synchroLogRetentionDays()).isEqualTo(60);
        assertThat(settings.asyncTaskErrorRetentionDays()).isEqualTo(7);
        assertThat(settings.retryPolicy("AsyncSendEmail")).isEqualTo(new RetryPolicy(5, Duration.ofSeconds(600), true));
        assertThat(settings.timeZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        SmtpSettings smtp = settings.smtp().orElseThrow();
        assertThat(smtp.host()).isEqualTo("smtp.example.org");
        assertThat(smtp.port()).isEqualTo(587);
        assertThat(smtp.security()).isEqualTo(SmtpSettings.Security.STARTTLS);
        assertThat(smtp.user()).contains("mailer");
        assertThat(smtp.password()).isEqualTo("s3cret");
        assertThat(smtp.defaultSender()).isEqualTo("cmdb@example.org");
        assertThat(smtp.trustStore()).contains(java.nio.file.Path.of("/etc/itop/smtp-ca.p12"));
        assertThat(smtp.trustStorePassword()).isEqualTo("storepass");
        assertThat(smtp.toString()).doesNotContain("s3cret").doesNotContain("storepass");
    }

    @Test
    void requestValuesCannotRedirectEmails() {
        Parameters.Builder builder = config();
        set(builder, "email_transport_smtp.host", "smtp.example.org");
        builder.add("email_transport_smtp.host", "attacker.example", ParameterOrigin.httpRequest());
        builder.add("cron_sleep", "0", ParameterOrigin.argument(1));

        CronSettings settings = CronConfiguration.read(builder.build());

        assertThat(settings.smtp().orElseThrow().host()).isEqualTo("smtp.example.org");
        assertThat(settings.sleep()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void invalidValueNamesSetting() {
        Parameters.Builder builder = config();
        set(builder, "cron_sleep", "two");

        assertThatThrownBy(() -> CronConfiguration.read(builder.build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cron_sleep");
    }

    @Test
    void unknownEncryptionIsRejected() {
        Parameters.Builder builder = config();
        set(builder, "email_transport_smtp.host", "smtp.example.org");
        set(builder, "email_transport_smtp.encryption", "starttls");

        assertThatThrownBy(() -> CronConfiguration.read(builder.build()))
                .hasMessageContaining("email_transport_smtp.encryption");
    }

    @Test
    void unknownTimeZoneIsRejected() {
        Parameters.Builder builder = config();
        set(builder, "timezone", "Mars/Olympus");

        assertThatThrownBy(() -> CronConfiguration.read(builder.build()))
                .hasMessage("Invalid setting timezone 'Mars/Olympus': expected a zone name such as Europe/Paris or UTC");
    }
}
