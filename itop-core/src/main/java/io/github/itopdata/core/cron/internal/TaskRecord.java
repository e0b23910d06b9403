package io.github.itopdata.core.cron.internal;

import java.math.BigDecimal;
import java.time.Instant;

/** One row of the registry of background tasks ({@code cron_background_task}); durations in seconds. */
public record TaskRecord(
        long id, String name, String status, Instant firstRunDate, Instant latestRunDate, Instant nextRunDate,
        int totalExecCount, BigDecimal latestRunDuration, BigDecimal minRunDuration, BigDecimal maxRunDuration,
        BigDecimal averageRunDuration, boolean running, String systemUser) {

    public static final String ACTIVE = "active";
    public static final String PAUSED = "paused";
    public static final String REMOVED = "removed";
}
