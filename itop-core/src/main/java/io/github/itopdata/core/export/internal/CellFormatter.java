package io.github.itopdata.core.export.internal;

import io.github.itopdata.core.model.AttributeDef;
import io.github.itopdata.core.model.EnumValue;
import io.github.itopdata.core.model.Model;
import io.github.itopdata.core.model.ModelClass;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Turns the raw value of a column into the text the writers print: labels or codes, dates in the
 * requested format, HTML as text or as it is.
 */
public final class CellFormatter {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Model model;
    private final boolean localized;
    private final PhpDateFormat dateFormat;
    private final boolean keepMarkup;

    public CellFormatter(Model model, boolean localized, PhpDateFormat dateFormat, boolean keepMarkup) {
        this.model = model;
        this.localized = localized;
        this.dateFormat = dateFormat;
        this.keepMarkup = keepMarkup;
    }

    public boolean isLocalized() {
        return localized;
    }

    /** Returns the display text of a value, or null when the cell stays empty and unquoted (no number, no date). */
    public String text(Column column, Object raw) {
        return text(column.kind(), column.attribute(), raw);
    }

    /** Returns the display text of a value of {@code kind}, or null for an empty number or date. */
    public String text(ValueKind kind, AttributeDef attribute, Object raw) {
        switch (kind) {
            case ID:
                return raw == null ? "0" : raw.toString();
            case NUMBER:
                return raw == null ? null : raw.toString();
            case BOOLEAN:
                return raw == null ? null : yesNo((Boolean) raw);
            case FLAG:
                return raw == null ? null : yesNo(!raw.toString().equals("0"));
            case DATE:
                return raw == null ? null : dateFormat.isDefault() ? raw.toString() : dateFormat.format(LocalDate.parse(raw.toString()));
            case DATE_TIME:
                return raw == null ? null : dateFormat.isDefault() ? trimFraction(raw.toString()) : dateFormat.format(dateTime(raw.toString()));
            case ENUM:
                return raw == null ? "" : enumText(attribute, raw.toString());
            case SET:
                return raw == null ? "" : setText(attribute, raw.toString());
            case CLASS_NAME:
                return raw == null ? "" : className(raw.toString());
            case HTML:
                if (raw == null) {
                    return "";
                }
                return keepMarkup ? raw.toString() : TextValues.htmlToText(raw.toString());
            case BLOB:
                // The query reads a document's file name. No document, or one without a file name,
                // gives an empty unquoted cell.
                return raw == null || raw.toString().isEmpty() ? null : raw.toString();
            default:
                return raw == null ? "" : raw.toString();
        }
    }

    /** Parses a timestamp as PostgreSQL prints it. */
    public static LocalDateTime dateTime(String value) {
        return LocalDateTime.parse(trimFraction(value), TIMESTAMP);
    }

    private static String trimFraction(String value) {
        int dot = value.indexOf('.');
        return dot < 0 ? value : value.substring(0, dot);
    }

    private String yesNo(boolean value) {
        if (localized) {
            return value ? "Yes" : "No";
        }
        return value ? "yes" : "no";
    }

    private String enumText(AttributeDef attribute, String code) {
        if (!localized || attribute == null || code.isEmpty()) {
            return code;
        }
        return attribute.enumValue(code).map(EnumValue::label).orElse(code);
    }

    private String setText(AttributeDef attribute, String codes) {
        if (!localized || attribute == null || codes.isEmpty() || attribute.enumValues().isEmpty()) {
            return codes;
        }
        StringBuilder out = new StringBuilder();
        for (String code : codes.split("\\|")) {
            if (out.length() > 0) {
                out.append('|');
            }
            out.append(attribute.enumValue(code).map(EnumValue::label).orElse(code));
        }
        return out.toString();
    }

    private String className(String name) {
        if (!localized) {
            return name;
        }
        Optional<ModelClass> modelClass = model.find(name);
        return modelClass.map(ModelClass::label).orElse(name);
    }
}
