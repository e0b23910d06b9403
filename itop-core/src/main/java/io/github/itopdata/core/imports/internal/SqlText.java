package io.github.itopdata.core.imports.internal;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Converts attribute values between their Java form and the text PostgreSQL reads and writes
 * (casts from text, COPY text format, history values).
 */
public final class SqlText {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private SqlText() {
    }

    /** Returns the value as PostgreSQL renders it as text; null stays null. */
    public static String of(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Boolean bool) {
            return bool ? "true" : "false";
        }
        if (value instanceof LocalDateTime dateTime) {
            return dateTime.format(DATE_TIME);
        }
        return value.toString();
    }

    /** Reads a value fetched by JDBC into the Java form the converter produces. */
    public static Object fromJdbc(Object value) {
        if (value instanceof Integer integer) {
            return integer.longValue();
        }
        if (value instanceof Date date) {
            return date.toLocalDate();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toLocalDateTime();
        }
        if (value instanceof LocalDate || value instanceof LocalDateTime) {
            return value;
        }
        return value;
    }

    /** Appends a value in COPY text format: {@code \N} for null, backslash escapes for control characters. */
    public static void appendCopyValue(StringBuilder line, Object value) {
        if (value instanceof Long number) {
            line.append(number.longValue());
            return;
        }
        String text = of(value);
        if (text == null) {
            line.append("\\N");
            return;
        }
        // Most values need no escape, so they are appended whole.
        if (text.indexOf('\\') < 0 && text.indexOf('\t') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            line.append(text);
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                default -> line.append(c);
            }
        }
    }
}
