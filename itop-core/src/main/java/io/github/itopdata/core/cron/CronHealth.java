package io.github.itopdata.core.cron;

import io.github.itopdata.core.cron.internal.Timestamps;
import io.github.itopdata.core.db.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Whether cron runs often enough: {@code RUNNING} when a loop started within 3 ×
 * {@code cron_max_execution_time}, {@code LATE} when the last start is older, {@code NEVER} when
 * no loop ever started on this database. The HTTP endpoint {@code GET /status/cron} sends
 * {@link Status#toJson(ZoneId)}.
 */
public final class CronHealth {

    /** Name of the row of {@code itop_setting} that stores the last loop start, in epoch seconds. */
    public static final String LAST_START_SETTING = "cron_last_start";

    private CronHealth() {
    }

    /**
     * The freshness of cron.
     *
     * @param status {@code RUNNING}, {@code LATE} or {@code NEVER}
     * @param code 0, 1 or 2, in the order of the statuses above
     * @param lastStart start of the last loop that took the lock, empty when none did
     */
    public record Status(String status, int code, Optional<Instant> lastStart) {

        /** Returns {@code {"status":..,"code":..,"message":"","last_start":"<Y-m-d H:i:s>"}}. */
        public String toJson(ZoneId zone) {
            String printed = lastStart.map(instant -> Timestamps.print(instant, zone)).orElse("");
            return "{\"status\":\"" + status + "\",\"code\":" + code + ",\"message\":\"\",\"last_start\":\""
                    + printed + "\"}";
        }
    }

    /** Reads the last loop start and compares it with now. */
    public static Status check(Database database, Duration maxExecutionTime, Clock clock) {
        Optional<Instant> lastStart = database.jdbi().withHandle(handle -> handle
                .createQuery("SELECT value FROM itop_setting WHERE name = :name")
                .bind("name", LAST_START_SETTING)
                .mapTo(String.class)
                .findOne()
                .map(value -> Instant.ofEpochSecond(Long.parseLong(value.strip()))));
        if (lastStart.isEmpty()) {
            return new Status("NEVER", 2, lastStart);
        }
        Instant limit = clock.instant().minus(maxExecutionTime.multipliedBy(3));
        if (lastStart.get().isBefore(limit)) {
            return new Status("LATE", 1, lastStart);
        }
        return new Status("RUNNING", 0, lastStart);
    }
}
