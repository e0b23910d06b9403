package io.github.itopdata.core.cron;

import io.github.itopdata.core.db.Database;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the cron service of a test on its database and test clock, and reads the registry back. */
final class CronHarness {

    final Database database;
    final TestClock clock;
    CronSettings settings;
    ProcessRegistry registry = new ProcessRegistry();
    String output = "";

    CronHarness(Database database, TestClock clock) {
        this.database = database;
        this.clock = clock;
        this.settings = CronSettings.defaults().withTimeZone(clock.getZone());
        database.jdbi().useHandle(handle -> {
            handle.execute("DELETE FROM cron_background_task");
            handle.execute("DELETE FROM cron_async_task");
            handle.execute("DELETE FROM itop_setting WHERE name = 'access_mode'");
        });
    }

    CronHarness register(BackgroundProcess process) {
        registry.register(process);
        return this;
    }

    /** Runs {@code itop cron} as user admin with the given extra arguments; returns the exit code. */
    int run(String... arguments) {
        Map<String, String> parameters = new HashMap<>(Map.of("auth_user", "admin", "auth_pwd", "secret"));
        for (String argument : arguments) {
            String[] nameValue = argument.split("=", 2);
            parameters.put(nameValue[0], nameValue[1]);
        }
        return runParameters(parameters);
    }

    int runParameters(Map<String, String> parameters) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        CronService service = new CronService(database, settings, registry, new TestAuthenticator(), clock,
                clock.sleeper());
        int exitCode = service.runCommandLine(parameters, stream);
        output = stream.toString(StandardCharsets.UTF_8);
        return exitCode;
    }

    List<String> lines() {
        return output.lines().toList();
    }

    /** Returns the registry row of a process as a column -> value map. */
    Map<String, Object> record(String name) {
        return database.jdbi().withHandle(handle -> handle
                .createQuery("SELECT * FROM cron_background_task WHERE class_name = :name")
                .bind("name", name)
                .mapToMap()
                .one());
    }

    Instant instant(String name, String column) {
        Object value = record(name).get(column);
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }

    String local(String name, String column) {
        Instant value = instant(name, column);
        return value == null ? null : value.atZone(clock.getZone()).toLocalDateTime().toString();
    }

    BigDecimal decimal(String name, String column) {
        return (BigDecimal) record(name).get(column);
    }

    void setNextRun(String name, String localDateTime) {
        database.jdbi().useHandle(handle -> handle
                .createUpdate("UPDATE cron_background_task SET next_run_date = :next WHERE class_name = :name")
                .bind("next", java.time.LocalDateTime.parse(localDateTime).atZone(clock.getZone()).toOffsetDateTime())
                .bind("name", name)
                .execute());
    }

    void setStatus(String name, String status) {
        database.jdbi().useHandle(handle -> handle
                .createUpdate("UPDATE cron_background_task SET status = :status WHERE class_name = :name")
                .bind("status", status)
                .bind("name", name)
                .execute());
    }
}
