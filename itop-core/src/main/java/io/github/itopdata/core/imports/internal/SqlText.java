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
        String text = of(value);
        if (text == null) {
            line.append("\\N");
            return;
        }
        int special = 0;
        while (special < text.length() && !isEscaped(text.charAt(special))) {
            special++;
        }
        if (special == text.length()) {
            line.append(text);
            return;
        }
        line.append(text, 0, special);
        for (int i = special; i < text.length(); i++) {
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

    private static boolean isEscaped(char c) {
        return c == '\\' || c == '\t' || c == '\n' || c == '\r';
    }
}
