package io.github.itopdata.core.imports.internal;

import io.github.itopdata.core.imports.internal.RowWork.KeyOutcome;
import io.github.itopdata.core.model.AttributeDef;
import io.github.itopdata.core.model.AttributeType;
import io.github.itopdata.core.model.ModelClass;
import java.util.Map;

/**
 * Builds the detail-table cells of one row: external-key columns first, then one cell per
 * attribute column, rendered raw, CSV-formatted, as modified, or as an issue.
 */
final class RowCells {

    private final ModelClass modelClass;
    private final HeaderMapping header;
    private final CellRenderer renderer;
    private final RowWork row;
    private final boolean render;

    /** Creates the cells of a row; with {@code render} false, only the outcome is built (no table output). */
    RowCells(ModelClass modelClass, HeaderMapping header, CellRenderer renderer, RowWork row, boolean render) {
        this.render = render;
        this.modelClass = modelClass;
        this.header = header;
        this.renderer = renderer;
        this.row = row;
    }

    /** Cells of a row that was not processed past reconciliation: raw text. */
    RowOutcome notProcessed(String status, boolean dateFailure) {
        RowOutcome outcome = RowOutcome.issue(status);
        if (!render) {
            return outcome;
        }
        for (String key : header.externalKeyColumns().keySet()) {
            outcome.cells.add(dateFailure ? "n/a" : keyCell(row.keys.get(key), false));
        }
        for (Map.Entry<String, Integer> entry : header.attributeColumns().entrySet()) {
            String code = entry.getKey();
            String raw = row.cell(entry.getValue());
            if (code.equals("id") && row.idError != null) {
                outcome.cells.add(row.idError);
            } else if (row.dateErrors.containsKey(code)) {
                outcome.cells.add(row.dateErrors.get(code));
            } else if (raw != null && !raw.isEmpty() && modelClass.attribute(code)
                    .map(a -> a.type() == AttributeType.ONE_WAY_PASSWORD).orElse(false)) {
                outcome.cells.add(CellRenderer.MASK);
            } else {
                outcome.cells.add(raw == null ? "" : raw);
            }
        }
        return outcome;
    }

    /** Cells of a row that creates an object: every value CSV-formatted, issues in place. */
    RowOutcome created() {
        RowOutcome outcome = new RowOutcome();
        if (!render) {
            return outcome;
        }
        for (String key : header.externalKeyColumns().keySet()) {
            outcome.cells.add(keyCell(row.keys.get(key), false));
        }
        for (Map.Entry<String, Integer> entry : header.attributeColumns().entrySet()) {
            outcome.cells.add(attributeCell(entry.getKey(), row.cell(entry.getValue()), null, true));
        }
        return outcome;
    }

    /** Cells of a row that matched one object: unchanged values raw, changed ones marked. */
    RowOutcome updated(Map<String, Object[]> changes) {
        RowOutcome outcome = new RowOutcome();
        if (!render) {
            return outcome;
        }
        for (String key : header.externalKeyColumns().keySet()) {
            outcome.cells.add(keyCell(row.keys.get(key), changes.containsKey(key)));
        }
        for (Map.Entry<String, Integer> entry : header.attributeColumns().entrySet()) {
            outcome.cells.add(attributeCell(entry.getKey(), row.cell(entry.getValue()), changes, false));
        }
        return outcome;
    }

    private String attributeCell(String code, String raw, Map<String, Object[]> changes, boolean create) {
        if (code.equals("id")) {
            return raw == null ? "" : raw;
        }
        AttributeDef attribute = modelClass.attribute(code).orElseThrow();
        AttributeType type = attribute.type();
        if (type.isExternalKey()) {
            return keyAttributeCell(attribute, raw, changes, create);
        }
        CellConversion conversion = row.values.get(code);
        if (conversion == null) {
            return raw == null ? "" : raw;
        }
        if (!conversion.isValid()) {
            return issue(type == AttributeType.ONE_WAY_PASSWORD && raw != null ? CellRenderer.MASK : raw,
                    conversion.error());
        }
        if (create) {
            return renderer.csv(attribute, conversion.value());
        }
        if (changes.containsKey(code)) {
            return renderer.csv(attribute, conversion.value()) + "Modified";
        }
        return renderer.unchanged(attribute, raw, conversion.value());
    }

    private String keyAttributeCell(AttributeDef attribute, String raw, Map<String, Object[]> changes,
            boolean create) {
        KeyOutcome key = row.keys.get(attribute.code());
        switch (key.kind()) {
            case NOT_FOUND -> {
                return issue(raw, ValueConverter.unexpected(attribute, "Target object not found ("
                        + attribute.targetClass().orElse("?") + "::" + (raw == null ? "" : raw) + ")"));
            }
            case MISSING_MANDATORY -> {
                return issue(raw, ValueConverter.unexpected(attribute, "Null not allowed"));
            }
            case NOT_ALLOWED -> {
                return issue(raw, ValueConverter.unexpected(attribute, "Value not allowed [" + key.id() + "]"));
            }
            case LOCKED -> {
                return issue(raw, key.cellText());
            }
            case AMBIGUOUS -> {
                return key.cellText();
            }
            default -> {
                String id = key.id() == null ? "" : key.id().toString();
                if (create) {
                    return id;
                }
                return changes.containsKey(attribute.code()) ? id + "Modified" : (raw == null ? "" : raw);
            }
        }
    }

    private static String keyCell(KeyOutcome key, boolean changed) {
        if (key == null) {
            return "n/a";
        }
        if (key.kind() == KeyOutcome.Kind.FOUND) {
            return key.id() + (changed ? "Modified" : "");
        }
        if (key.kind() == KeyOutcome.Kind.NONE) {
            return changed ? "Modified" : "";
        }
        return key.cellText();
    }

    private static String issue(String raw, String reason) {
        return raw == null ? "Invalid value for attribute. " + reason : "'" + raw + "' is an invalid value. " + reason;
    }
}
