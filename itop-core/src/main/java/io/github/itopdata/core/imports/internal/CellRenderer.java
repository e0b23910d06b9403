package io.github.itopdata.core.imports.internal;

import io.github.itopdata.core.model.AttributeDef;
import io.github.itopdata.core.model.AttributeType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

/** Renders attribute values for the detail table, in the CSV export form of code mode. */
public final class CellRenderer {

    private static final PhpDateFormat INTERNAL_DATE_TIME = PhpDateFormat.internalDateTime();

    private final ValueConverter converter;

    /** The text that reports show in place of a one-way password. */
    static final String MASK = "*****";

    public CellRenderer(ValueConverter converter) {
        this.converter = converter;
    }

    /**
     * Returns the value as iTop's CSV export writes it: texts, enums and dates in double quotes
     * (inner quotes doubled), numbers, ids and booleans bare.
     */
    public String csv(AttributeDef attribute, Object value) {
        String plain = plain(attribute, value);
        return isQuoted(attribute) ? "\"" + plain.replace("\"", "\"\"") + "\"" : plain;
    }

    /** Returns the value as {@link #csv} does, without the outer quotes, for diff lines. */
    public String plain(AttributeDef attribute, Object value) {
        if (value == null) {
            return "";
        }
        if (attribute.type() == AttributeType.ONE_WAY_PASSWORD) {
            return MASK;
        }
        if (value instanceof Boolean bool) {
            return bool ? "yes" : "no";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.setScale(attribute.decimals(), java.math.RoundingMode.HALF_UP).toPlainString();
        }
        if (value instanceof LocalDateTime dateTime) {
            return converter.dateTimeFormat().map(f -> f.render(dateTime))
                    .orElseGet(() -> INTERNAL_DATE_TIME.render(dateTime));
        }
        if (value instanceof LocalDate date) {
            return converter.dateFormat().map(f -> f.render(date.atStartOfDay())).orElseGet(date::toString);
        }
        return value.toString();
    }

    /** Returns the raw cell of an unchanged value; dates are re-rendered in the input format. */
    public String unchanged(AttributeDef attribute, String raw, Object value) {
        if (attribute.type() == AttributeType.ONE_WAY_PASSWORD) {
            return raw == null || raw.isEmpty() ? "" : MASK;
        }
        if (value instanceof LocalDate || value instanceof LocalDateTime) {
            return plain(attribute, value);
        }
        return raw == null ? "" : raw;
    }

    private static boolean isQuoted(AttributeDef attribute) {
        AttributeType type = attribute.type();
        return !(type == AttributeType.INTEGER || type == AttributeType.DECIMAL || type == AttributeType.PERCENTAGE
                || type == AttributeType.DURATION || type == AttributeType.BOOLEAN || type.isExternalKey());
    }
}
