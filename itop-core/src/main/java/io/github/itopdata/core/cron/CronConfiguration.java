package io.github.itopdata.core.cron;

import io.github.itopdata.paramfile.ParameterOrigin;
import io.github.itopdata.paramfile.Parameters;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the cron and e-mail settings from the product configuration, with iTop's setting names.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code cron_max_execution_time}</td><td>600</td><td>seconds of one cron run</td></tr>
 *   <tr><td>{@code cron_sleep}</td><td>2</td><td>seconds of pause between rounds</td></tr>
 *   <tr><td>{@code cron_task_max_execution_time}</td><td>0</td><td>per-run limit of a periodic
 *       process, in periodicities; 0 for none</td></tr>
 *   <tr><td>{@code synchro_log_retention_days}</td><td>30</td><td>age of purged synchro logs</td></tr>
 *   <tr><td>{@code async_task_error_retention_days}</td><td>30</td><td>age of purged tasks in error</td></tr>
 *   <tr><td>{@code async_task_retries.<class>.max_retries}, {@code .retry_delay},
 *       {@code .exponential_delay}</td><td>3, 600, false for {@code AsyncSendEmail}</td>
 *       <td>retry policy of a task class</td></tr>
 *   <tr><td>{@code timezone}</td><td>the system zone</td><td>zone of printed dates and schedules</td></tr>
 *   <tr><td>{@code email_transport_smtp.host}</td><td>none: e-mails fail</td><td>SMTP server</td></tr>
 *   <tr><td>{@code email_transport_smtp.port}</td><td>25</td><td>SMTP port</td></tr>
 *   <tr><td>{@code email_transport_smtp.encryption}</td><td>empty</td><td>{@code tls} for
 *       STARTTLS, {@code ssl} for TLS from the start</td></tr>
 *   <tr><td>{@code email_transport_smtp.username}, {@code .password}</td><td>none</td>
 *       <td>SMTP login</td></tr>
 *   <tr><td>{@code email_transport_smtp.trust_store}, {@code .trust_store_password}</td><td>the
 *       JVM's trust store</td><td>PKCS12 file of the certificates trusted for {@code tls} and
 *       {@code ssl}</td></tr>
 *   <tr><td>{@code email_default_sender_address}</td><td>{@code itop@localhost}</td>
 *       <td>sender of messages that name none</td></tr>
 * </table>
 *
 * <p>Only the configuration file, the environment and defaults count: values given as
 * arguments, in parameters files or in an HTTP request are ignored, so that a caller cannot
 * send the e-mails to another server.
 *
 * <p>TODO: the folder of the maintenance marker files ({@code .maintenance}, {@code .readonly})
 * is not configurable yet, so those markers are not checked by {@code itop cron}.
 */
public final class CronConfiguration {

    private static final String SMTP = "email_transport_smtp.";

    private CronConfiguration() {
    }

    /**
     * Builds the settings.
     *
     * @throws IllegalArgumentException naming the setting, its value and the expected form
     */
    public static CronSettings read(Parameters parameters) {
        Parameters configuration = parameters.without(ParameterOrigin.Kind.ARGUMENT)
                .without(ParameterOrigin.Kind.PARAM_FILE)
                .without(ParameterOrigin.Kind.HTTP_REQUEST);
        CronSettings defaults = CronSettings.defaults();

        Map<String, RetryPolicy> retries = new HashMap<>(defaults.asyncTaskRetries());
        for (String taskClass : List.of(AsyncTaskQueue.EMAIL_TASK_CLASS)) {
            RetryPolicy base = defaults.retryPolicy(taskClass);
            String prefix = "async_task_retries." + taskClass + ".";
            retries.put(taskClass, new RetryPolicy(
                    configuration.getInt(prefix + "max_retries", base.maxRetries(), 0, 100),
                    Duration.ofSeconds(configuration.getInt(prefix + "retry_delay",
                            (int) base.retryDelay().toSeconds(), 0, Integer.MAX_VALUE)),
                    configuration.getBoolean(prefix + "exponential_delay", base.exponentialDelay())));
        }

        return new CronSettings(
                Duration.ofSeconds(configuration.getInt("cron_max_execution_time", 600, 0, Integer.MAX_VALUE)),
                Duration.ofSeconds(configuration.getInt("cron_sleep", 2, 0, 3600)),
                configuration.getInt("cron_task_max_execution_time", 0, 0, Integer.MAX_VALUE),
                retries,
                configuration.getInt("synchro_log_retention_days", 30, 1, Integer.MAX_VALUE),
                configuration.getInt("async_task_error_retention_days", 30, 1, Integer.MAX_VALUE),
                zone(configuration),
                Optional.empty(),
                smtp(configuration));
    }

    private static ZoneId zone(Parameters configuration) {
        Optional<String> name = configuration.get("timezone").map(String::strip).filter(value -> !value.isEmpty());
        if (name.isEmpty()) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(name.get());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("Invalid setting timezone '" + name.get()
                    + "': expected a zone name such as Europe/Paris or UTC", e);
        }
    }

    private static Optional<SmtpSettings> smtp(Parameters configuration) {
        Optional<String> host = configuration.get(SMTP + "host").map(String::strip).filter(value -> !value.isEmpty());
        if (host.isEmpty()) {
            return Optional.empty();
        }
        String encryption = configuration.getChoice(SMTP + "encryption", List.of("", "tls", "ssl"), "");
        SmtpSettings.Security security = switch (encryption) {
            case "tls" -> SmtpSettings.Security.STARTTLS;
            case "ssl" -> SmtpSettings.Security.TLS;
            default -> SmtpSettings.Security.NONE;
        };
        Optional<String> user = configuration.get(SMTP + "username").map(String::strip)
                .filter(value -> !value.isEmpty());
        Optional<Path> trustStore = configuration.get(SMTP + "trust_store").map(String::strip)
                .filter(value -> !value.isEmpty()).map(Path::of);
        return Optional.of(new SmtpSettings(host.get(), configuration.getInt(SMTP + "port", 25, 1, 65535), security,
                user, configuration.getOrDefault(SMTP + "password", ""),
                configuration.getOrDefault("email_default_sender_address", "itop@localhost").strip(),
                Duration.ofSeconds(30), trustStore, configuration.getOrDefault(SMTP + "trust_store_password", "")));
    }
}
