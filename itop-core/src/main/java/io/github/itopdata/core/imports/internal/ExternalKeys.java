package io.github.itopdata.core.imports.internal;

import io.github.itopdata.core.imports.internal.RowWork.KeyOutcome;
import io.github.itopdata.core.imports.internal.RowWork.KeySearch;
import io.github.itopdata.core.model.AttributeDef;
import io.github.itopdata.core.model.AttributeType;
import io.github.itopdata.core.model.Model;
import io.github.itopdata.core.model.ModelClass;
import io.github.itopdata.core.store.ClassTable;
import io.github.itopdata.core.store.SchemaMapping;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Resolves the external keys of the header for a round of rows: one query per key finds, for
 * every distinct search, the ids of the matching objects (text fields compared folded). Misses
 * are never cached between rounds; the "no match" diagnostics are computed once per key.
 */
final class ExternalKeys {

    private static final int SAMPLE_SIZE = 3;

    private final Model model;
    private final SchemaMapping mapping;
    private final ModelClass modelClass;
    private final HeaderMapping header;
    private final ValueConverter converter;
    private final Map<String, String> diagnostics = new HashMap<>();
    /**
     * Searches that found exactly one object, by key and search text. Misses are never kept, so
     * that an object created meanwhile is found by the next row that searches it. Hits are not
     * kept for keys into the imported hierarchy, whose rows may change the objects they find.
     */
    private final Map<String, Map<String, Long>> hits = new HashMap<>();
    private final boolean ownHierarchy;

    ExternalKeys(Model model, SchemaMapping mapping, ModelClass modelClass, HeaderMapping header,
            ValueConverter converter) {
        this.model = model;
        this.mapping = mapping;
        this.modelClass = modelClass;
        this.header = header;
        this.converter = converter;
        this.ownHierarchy = pointsIntoOwnHierarchy();
    }

    /** Tells whether a key of the header points into the hierarchy of the imported class. */
    boolean pointsIntoOwnHierarchy() {
        String root = model.rootOf(modelClass.name()).name();
        for (String key : header.externalKeyColumns().keySet()) {
            Optional<String> target = modelClass.attribute(key).flatMap(AttributeDef::targetClass);
            if (target.isPresent() && model.find(target.get()).isPresent()
                    && model.rootOf(target.get()).name().equals(root)) {
                return true;
            }
        }
        return false;
    }

    /** Converts the search cells of every external key of a row. */
    void prepare(RowWork row) {
        for (Map.Entry<String, Map<String, Integer>> entry : header.externalKeyColumns().entrySet()) {
            String key = entry.getKey();
            ModelClass target = targetOf(key);
            Map<String, Integer> fields = entry.getValue();
            boolean none = true;
            for (Integer column : fields.values()) {
                String cell = row.cell(column);
                if (cell != null && !cell.isEmpty()) {
                    none = false;
                }
            }
            String[] values = new String[fields.size()];
            List<String> display = new ArrayList<>();
            boolean unsearchable = false;
            int i = 0;
            for (Map.Entry<String, Integer> field : fields.entrySet()) {
                String cell = row.cell(field.getValue());
                String text = cell == null ? "" : cell;
                if (field.getKey().equals("id")) {
                    values[i] = text;
                    display.add(text);
                    unsearchable |= !ImportRun.isIdText(text);
                } else {
                    AttributeDef remote = target.attribute(field.getKey()).orElseThrow();
                    CellConversion conversion = converter.convertValue(remote, cell);
                    if (!conversion.isValid() || conversion.value() == null) {
                        values[i] = text;
                        display.add(text);
                        unsearchable |= !remote.type().isStringLike() || !conversion.isValid();
                    } else {
                        values[i] = SqlText.of(conversion.value());
                        display.add(values[i]);
                    }
                }
                i++;
            }
            row.searches.put(key, new KeySearch(none, values, String.join(" ", display),
                    String.join("_|_", values), unsearchable));
        }
    }

    /** Resolves every external key of the rows against the database as it is now. */
    void resolve(Handle handle, List<RowWork> rows) throws SQLException {
        for (Map.Entry<String, Map<String, Integer>> entry : header.externalKeyColumns().entrySet()) {
            String key = entry.getKey();
            AttributeDef attribute = modelClass.attribute(key).orElseThrow();
            Map<String, Long> keyHits = hits.computeIfAbsent(key, k -> new HashMap<>());
            Map<String, String[]> distinct = new LinkedHashMap<>();
            for (RowWork row : rows) {
                KeySearch search = row.searches.get(key);
                if (!search.none() && !search.unsearchable() && !keyHits.containsKey(search.joinedKey())) {
                    distinct.putIfAbsent(search.joinedKey(), search.values());
                }
            }
            Map<String, List<Long>> matches = distinct.isEmpty() ? new HashMap<>()
                    : new HashMap<>(query(handle.getConnection(), key, new ArrayList<>(entry.getValue().keySet()),
                            distinct));
            if (!ownHierarchy) {
                matches.forEach((joined, ids) -> {
                    if (ids.size() == 1) {
                        keyHits.put(joined, ids.get(0));
                    }
                });
            }
            keyHits.forEach((joined, id) -> matches.putIfAbsent(joined, List.of(id)));
            for (RowWork row : rows) {
                KeySearch search = row.searches.get(key);
                KeyOutcome outcome;
                if (search.none()) {
                    outcome = attribute.isNullable() ? new KeyOutcome(KeyOutcome.Kind.NONE, null, "")
                            : new KeyOutcome(KeyOutcome.Kind.MISSING_MANDATORY, null,
                                    "Invalid value for attribute. Null not allowed");
                } else {
                    List<Long> ids = search.unsearchable() ? List.of() : matches.getOrDefault(search.joinedKey(), List.of());
                    if (ids.size() == 1) {
                        outcome = new KeyOutcome(KeyOutcome.Kind.FOUND, ids.get(0), ids.get(0).toString());
                    } else if (ids.isEmpty()) {
                        outcome = new KeyOutcome(KeyOutcome.Kind.NOT_FOUND, null,
                                notFoundText(handle, key, new ArrayList<>(entry.getValue().keySet()), search.display()));
                    } else {
                        outcome = new KeyOutcome(KeyOutcome.Kind.AMBIGUOUS, null,
                                "Invalid value for attribute. Ambiguous: found " + ids.size() + " objects");
                    }
                }
                row.keys.put(key, outcome);
            }
        }
    }

    /**
     * Rejects, for rows that update an object, a hierarchical key whose chosen parent is the
     * object itself or one of its descendants: one query walks up from every chosen parent.
     */
    void rejectHierarchyLoops(Handle handle, List<RowWork> rows) throws SQLException {
        ClassTable table = mapping.table(modelClass.name());
        for (String key : header.externalKeyColumns().keySet()) {
            AttributeDef attribute = modelClass.attribute(key).orElseThrow();
            if (attribute.type() != AttributeType.HIERARCHICAL_KEY || table.column(key).isEmpty()) {
                continue;
            }
            List<RowWork> checked = new ArrayList<>();
            for (RowWork row : rows) {
                KeyOutcome outcome = row.keys.get(key);
                if (row.matchCount == 1 && outcome != null && outcome.kind() == KeyOutcome.Kind.FOUND) {
                    checked.add(row);
                }
            }
            if (checked.isEmpty()) {
                continue;
            }
            String parent = table.column(key).get().quotedName();
            // UNION (not UNION ALL) stops the walk on a loop already stored.
            String sql = "WITH RECURSIVE k(i, self, parent) AS (SELECT * FROM unnest(?::bigint[], ?::bigint[],"
                    + " ?::bigint[])), up(i, self, id) AS (SELECT i, self, parent FROM k UNION SELECT up.i, up.self,"
                    + " t." + parent + " FROM up JOIN " + table.quotedTableName() + " t ON t.id = up.id WHERE t."
                    + parent + " IS NOT NULL) SELECT DISTINCT i FROM up WHERE id = self";
            Connection connection = handle.getConnection();
            Long[] index = new Long[checked.size()];
            Long[] selves = new Long[checked.size()];
            Long[] parents = new Long[checked.size()];
            for (int i = 0; i < checked.size(); i++) {
                index[i] = (long) i;
                selves[i] = checked.get(i).matchedId;
                parents[i] = checked.get(i).keys.get(key).id();
            }
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setArray(1, connection.createArrayOf("bigint", index));
                statement.setArray(2, connection.createArrayOf("bigint", selves));
                statement.setArray(3, connection.createArrayOf("bigint", parents));
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        RowWork row = checked.get((int) result.getLong(1));
                        Long chosen = row.keys.get(key).id();
                        String display = row.searches.get(key).display();
                        row.keys.put(key, new KeyOutcome(KeyOutcome.Kind.NOT_ALLOWED, chosen, "'" + display
                                + "' is an invalid value. " + ValueConverter.unexpected(attribute,
                                        "Value not allowed [" + chosen + "]")));
                    }
                }
            }
        }
    }

    private Map<String, List<Long>> query(Connection connection, String key, List<String> fields,
            Map<String, String[]> distinct) throws SQLException {
        ModelClass target = targetOf(key);
        ClassTable targetTable = mapping.table(target.name());
        List<String> joins = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        StringBuilder unnest = new StringBuilder();
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            Optional<SearchField> field = SearchField.of(model, mapping, target, fields.get(i), "t", joins);
            if (field.isEmpty()) {
                return Map.of();
            }
            conditions.add(field.get().condition("k.v" + i));
            unnest.append(i == 0 ? "" : ", ").append("?::text[]");
            names.append("v").append(i).append(", ");
        }
        String sql = "SELECT k.i, m.id FROM unnest(" + unnest + ") WITH ORDINALITY AS k(" + names + "i)"
                + " JOIN LATERAL (SELECT t.id FROM " + targetTable.quotedTableName() + " t " + String.join(" ", joins)
                + " WHERE " + targetTable.classCondition("t") + " AND " + String.join(" AND ", conditions)
                + " OFFSET 0) m ON TRUE";
        List<String> keys = new ArrayList<>(distinct.keySet());
        Map<String, List<Long>> result = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < fields.size(); i++) {
                String[] column = new String[keys.size()];
                for (int r = 0; r < keys.size(); r++) {
                    column[r] = distinct.get(keys.get(r))[i];
                }
                Array array = connection.createArrayOf("text", column);
                statement.setArray(i + 1, array);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String joined = keys.get((int) rows.getLong(1) - 1);
                    result.computeIfAbsent(joined, k -> new ArrayList<>()).add(rows.getLong(2));
                }
            }
        }
        return result;
    }

    /** Returns the cell text of a key that found nothing: what was searched and a few possible values. */
    private String notFoundText(Handle handle, String key, List<String> fields, String display) {
        ModelClass target = targetOf(key);
        String sample = diagnostics.computeIfAbsent(key, k -> sampleOf(handle, target, fields));
        if (sample == null) {
            return "There are no '" + target.name() + "' objects. ";
        }
        return "No match for value '" + display + "'. Some possible '" + target.name() + "' value(s): " + sample;
    }

    private String sampleOf(Handle handle, ModelClass target, List<String> fields) {
        ClassTable targetTable = mapping.table(target.name());
        List<String> joins = new ArrayList<>();
        List<String> expressions = new ArrayList<>();
        for (String field : fields) {
            SearchField.of(model, mapping, target, field, "t", joins)
                    .ifPresent(f -> expressions.add("coalesce(" + f.expression() + "::text, '')"));
        }
        if (expressions.isEmpty()) {
            expressions.add("t.id::text");
        }
        String order = target.namingAttributes().stream().map(targetTable::column).flatMap(Optional::stream)
                .findFirst().map(c -> c.qualified("t")).orElse("t.id");
        String sql = "SELECT " + String.join(" || ' ' || ", expressions) + " FROM " + targetTable.quotedTableName()
                + " t " + String.join(" ", joins) + " WHERE " + targetTable.classCondition("t")
                + " ORDER BY " + order + ", t.id LIMIT " + (SAMPLE_SIZE + 1);
        List<String> values = handle.createQuery(sql).mapTo(String.class).list();
        if (values.isEmpty()) {
            return null;
        }
        String text = String.join(", ", values.subList(0, Math.min(SAMPLE_SIZE, values.size())));
        return values.size() > SAMPLE_SIZE ? text + "..." : text;
    }

    private ModelClass targetOf(String key) {
        return model.get(modelClass.attribute(key).flatMap(AttributeDef::targetClass).orElseThrow());
    }
}
