package io.github.itopdata.core.store.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * Renders Java values as the text PostgreSQL parses for a column type, for COPY and for casts
 * of bound parameters. PostgreSQL does the parsing, so a value that does not fit its column
 * fails there with PostgreSQL's message.
 */
public final class SqlText {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]");

    private SqlText() {
    }

    /**
     * Renders a value: strings as they are, numbers in plain notation, booleans as {@code true}
     * or {@code false}, dates and date-times in ISO form with a space, byte arrays in hex form.
     * Null stays null.
     */
    public static String render(Object value) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof LocalDateTime dateTime) {
            return DATE_TIME.format(dateTime);
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        if (value instanceof byte[] bytes) {
            return "\\x" + HexFormat.of().formatHex(bytes);
        }
        return value.toString();
    }
}
