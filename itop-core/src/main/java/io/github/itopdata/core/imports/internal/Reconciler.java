package io.github.itopdata.core.imports.internal;

import io.github.itopdata.core.imports.internal.RowWork.KeyOutcome;
import io.github.itopdata.core.model.AttributeDef;
import io.github.itopdata.core.model.Model;
import io.github.itopdata.core.model.ModelClass;
import io.github.itopdata.core.store.ClassTable;
import io.github.itopdata.core.store.ColumnMapping;
import io.github.itopdata.core.store.SchemaMapping;
import io.github.itopdata.core.store.SqlType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Finds the existing object of each row of a round with one query, and fetches the stored values
 * the row will be compared with. Returns how many rows of the round can be decided together: the
 * round stops before the first row whose folded key repeats an earlier row's.
 */
final class Reconciler {

    private final Model model;
    private final SchemaMapping mapping;
    private final ModelClass modelClass;
    private final ClassTable table;
    private final HeaderMapping header;
    private final List<String> keys;
    private final Map<String, ColumnMapping> comparedColumns;

    Reconciler(Model model, SchemaMapping mapping, ModelClass modelClass, HeaderMapping header,
            ReconciliationScheme scheme, Map<String, ColumnMapping> comparedColumns) {
        this.model = model;
        this.mapping = mapping;
        this.modelClass = modelClass;
        this.table = mapping.table(modelClass.name());
        this.header = header;
        this.keys = scheme.keys();
        this.comparedColumns = comparedColumns;
    }

    int reconcile(Handle handle, List<RowWork> rows) throws SQLException {
        List<RowWork> searched = new ArrayList<>();
        for (RowWork row : rows) {
            resetMatch(row);
            if (row.dateErrors.isEmpty()) {
                computeSearchValues(row);
                if (row.searchValues != null && !row.createWithoutSearch) {
                    searched.add(row);
                }
            }
        }
        if (!searched.isEmpty()) {
            query(handle.getConnection(), searched);
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            String folded = rows.get(i).foldedKey;
            if (folded != null && !seen.add(folded)) {
                return i;
            }
        }
        return rows.size();
    }

    private static void resetMatch(RowWork row) {
        row.searchValues = null;
        row.createWithoutSearch = false;
        row.idError = null;
        row.foldedKey = null;
        row.matchCount = 0;
        row.current = null;
    }

    private void computeSearchValues(RowWork row) {
        String[] values = new String[keys.size()];
        boolean invalid = false;
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            if (key.equals("id")) {
                String cell = row.cell(header.attributeColumns().get("id"));
                if (cell == null) {
                    return;
                }
                if (cell.isEmpty()) {
                    row.createWithoutSearch = true;
                    row.searchValues = values;
                    return;
                }
                if (!ImportRun.isIdText(cell)) {
                    if (!cell.matches("[0-9]+")) {
                        row.idError = "'" + cell + "' is an invalid value. Expected an integer id";
                        return;
                    }
                    // Too large to be an id: nothing has it, so the row creates an object.
                    row.createWithoutSearch = true;
                    row.searchValues = values;
                    return;
                }
                values[i] = cell;
                continue;
            }
            AttributeDef attribute = modelClass.attribute(key).orElseThrow();
            if (attribute.type().isExternalKey()) {
                KeyOutcome outcome = row.keys.get(key);
                if (outcome == null || outcome.isError()) {
                    if (outcome != null && outcome.kind() == KeyOutcome.Kind.MISSING_MANDATORY) {
                        row.keys.put(key, new KeyOutcome(outcome.kind(), null,
                                "Invalid value for attribute. Missing mandatory value"));
                    }
                    return;
                }
                values[i] = outcome.id() == null ? null : outcome.id().toString();
                continue;
            }
            CellConversion conversion = row.values.get(key);
            String raw = row.cell(header.attributeColumns().get(key));
            if (conversion != null && !conversion.isValid() && raw != null && !raw.isEmpty()) {
                // No stored object can hold a value that does not convert, so the row goes on to
                // creation, which reports the cell's error.
                invalid = true;
                continue;
            }
            if (conversion == null || conversion.value() == null) {
                return;
            }
            values[i] = SqlText.of(conversion.value());
        }
        row.createWithoutSearch = invalid;
        row.searchValues = values;
    }

    private void query(Connection connection, List<RowWork> rows) throws SQLException {
        List<String> joins = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        List<String> folded = new ArrayList<>();
        StringBuilder unnest = new StringBuilder();
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            SearchField field = SearchField.of(model, mapping, modelClass, key, "t", joins).orElseThrow(() ->
                    new IllegalStateException("Reconciliation key " + key + " of " + modelClass.name() + " has no column"));
            boolean externalKey = !key.equals("id") && modelClass.attribute(key).map(a -> a.type().isExternalKey())
                    .orElse(false);
            conditions.add(externalKey
                    ? field.expression() + " IS NOT DISTINCT FROM k.v" + i + "::bigint"
                    : field.condition("k.v" + i));
            folded.add("coalesce(" + field.foldedValue("k.v" + i) + ", '')");
            unnest.append(i == 0 ? "" : ", ").append("?::text[]");
            names.append("v").append(i).append(", ");
        }
        List<String> columns = new ArrayList<>();
        List<String> codes = new ArrayList<>(comparedColumns.keySet());
        List<SqlType> types = new ArrayList<>();
        for (String code : codes) {
            columns.add(comparedColumns.get(code).qualified("t"));
            types.add(comparedColumns.get(code).sqlType());
        }
        // LATERAL with OFFSET 0 (which keeps the planner from flattening the subquery into a hash
        // join that folds every stored value) searches each row's key through the fold indexes.
        String sql = "SELECT k.i, " + String.join(" || '_|_' || ", folded) + ", m.*"
                + " FROM unnest(" + unnest + ") WITH ORDINALITY AS k(" + names + "i)"
                + " LEFT JOIN LATERAL (SELECT t.id, t.finalclass"
                + (columns.isEmpty() ? "" : ", " + String.join(", ", columns))
                + " FROM " + table.quotedTableName() + " t " + String.join(" ", joins)
                + " WHERE " + table.classCondition("t") + " AND " + String.join(" AND ", conditions)
                + " OFFSET 0) m ON TRUE ORDER BY k.i";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < keys.size(); i++) {
                String[] column = new String[rows.size()];
                for (int r = 0; r < rows.size(); r++) {
                    column[r] = rows.get(r).searchValues[i];
                }
                statement.setArray(i + 1, connection.createArrayOf("text", column));
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    RowWork row = rows.get((int) result.getLong(1) - 1);
                    row.foldedKey = result.getString(2);
                    long id = result.getLong(3);
                    if (result.wasNull()) {
                        continue;
                    }
                    row.matchCount++;
                    row.matchedId = id;
                    row.matchedClass = result.getString(4);
                    Map<String, Object> current = new HashMap<>(codes.size() * 2);
                    for (int c = 0; c < codes.size(); c++) {
                        current.put(codes.get(c), storedValue(result, 5 + c, types.get(c)));
                    }
                    row.current = current;
                }
            }
        }
    }

    /**
     * Reads a stored value in the Java form the converter produces. Dates and timestamps are read
     * as java.time values directly, which costs less than through java.sql.Date and a Calendar.
     */
    private static Object storedValue(ResultSet result, int column, SqlType type) throws SQLException {
        return switch (type) {
            case DATE -> result.getObject(column, LocalDate.class);
            case TIMESTAMP -> result.getObject(column, LocalDateTime.class);
            default -> SqlText.fromJdbc(result.getObject(column));
        };
    }

    /** Returns the stored column of an attribute of the imported class, if any. */
    Optional<ColumnMapping> column(String code) {
        return table.column(code);
    }
}
