package io.github.itopdata.core.cron.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Conversions between {@link Instant}, PostgreSQL {@code timestamptz} and printed dates. */
public final class Timestamps {

    /** Format of every printed date: {@code Y-m-d H:i:s} in PHP notation. */
    public static final DateTimeFormatter PRINTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Timestamps() {
    }

    /** Returns the value to bind for a {@code timestamptz} parameter; null stays null. */
    public static OffsetDateTime bind(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** Reads a {@code timestamptz} column; SQL null gives null. */
    public static Instant read(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** Formats an instant as {@code yyyy-MM-dd HH:mm:ss} in the given zone; null gives "". */
    public static String print(Instant instant, ZoneId zone) {
        return instant == null ? "" : PRINTED.format(instant.atZone(zone));
    }
}
