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
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;

/**
 * Resolves the external keys of the header for a round of rows: one query per key finds, for
 * every distinct search, the ids of the matching objects (text fields compared folded). Misses
 * are never cached between rounds; the "no match" diagnostics are computed once per key.
 */
final class ExternalKeys {

    private static final int SAMPLE_SIZE = 3;
    private static final KeyOutcome NONE = new KeyOutcome(KeyOutcome.Kind.NONE, null, "");
    private static final KeyOutcome MISSING_MANDATORY = new KeyOutcome(KeyOutcome.Kind.MISSING_MANDATORY, null,
            "Invalid value for attribute. Null not allowed");

    private final Model model;
    private final SchemaMapping mapping;
    private final ModelClass modelClass;
    private final HeaderMapping header;
    private final ValueConverter converter;
    private final Map<String, String> diagnostics = new HashMap<>();
    /**
     * Outcomes of the searches that found exactly one object, by key and search text. Misses are
     * never kept, so that an object created meanwhile is found by the next row that searches it.
     * Hits are not kept for keys into the imported hierarchy, whose rows may change the objects
     * they find. The reading thread of the import reads them while the database thread adds.
     */
    private final Map<String, Map<String, KeyOutcome>> hits = new HashMap<>();
    private final boolean ownHierarchy;
    /** Per key, the searched attribute of the target class for each header field; null for {@code id}. */
    private final Map<String, List<AttributeDef>> remoteFields = new HashMap<>();

    ExternalKeys(Model model, SchemaMapping mapping, ModelClass modelClass, HeaderMapping header,
            ValueConverter converter) {
        this.model = model;
        this.mapping = mapping;
        this.modelClass = modelClass;
        this.header = header;
        this.converter = converter;
        this.ownHierarchy = pointsIntoOwnHierarchy();
        for (Map.Entry<String, Map<String, Integer>> entry : header.externalKeyColumns().entrySet()) {
            hits.put(entry.getKey(), new ConcurrentHashMap<>());
            ModelClass target = targetOf(entry.getKey());
            List<AttributeDef> remotes = new ArrayList<>();
            for (String field : entry.getValue().keySet()) {
                remotes.add(field.equals("id") ? null : target.attribute(field).orElseThrow());
            }
            remoteFields.put(entry.getKey(), remotes);
        }
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
            Map<String, Integer> fields = entry.getValue();
            List<AttributeDef> remotes = remoteFields.get(key);
            boolean none = true;
            for (Integer column : fields.values()) {
                String cell = row.cell(column);
                if (cell != null && !cell.isEmpty()) {
                    none = false;
                }
            }
            String[] values = new String[fields.size()];
            String[] display = new String[fields.size()];
            boolean unsearchable = false;
            int i = 0;
            for (Integer column : fields.values()) {
                String cell = row.cell(column);
                String text = cell == null ? "" : cell;
                AttributeDef remote = remotes.get(i);
                if (remote == null) {
                    values[i] = text;
                    display[i] = text;
                    unsearchable |= !ImportRun.isIdText(text);
                } else {
                    CellConversion conversion = converter.convertValue(remote, cell);
                    if (!conversion.isValid() || conversion.value() == null) {
                        values[i] = text;
                        display[i] = text;
                        unsearchable |= !remote.type().isStringLike() || !conversion.isValid();
                    } else {
                        values[i] = SqlText.of(conversion.value());
                        display[i] = values[i];
                    }
                }
                i++;
            }
            KeySearch search = values.length == 1 ? new KeySearch(none, values, display[0], values[0], unsearchable)
                    : new KeySearch(none, values, String.join(" ", display), String.join("_|_", values), unsearchable);
            row.searches.put(key, search);
            KeyOutcome known = none ? noneOutcome(modelClass.attribute(key).orElseThrow())
                    : unsearchable ? null : hits.get(key).get(search.joinedKey());
            if (known != null) {
                row.keys.put(key, known);
            }
        }
    }

    private static KeyOutcome noneOutcome(AttributeDef attribute) {
        return attribute.isNullable() ? NONE : MISSING_MANDATORY;
    }

    /** Tells whether an outcome stays valid in every round: no search, or a kept hit. */
    private boolean isFinal(KeyOutcome outcome) {
        return outcome != null && (outcome.kind() == KeyOutcome.Kind.NONE
                || outcome.kind() == KeyOutcome.Kind.MISSING_MANDATORY && outcome == MISSING_MANDATORY
                || outcome.kind() == KeyOutcome.Kind.FOUND && !ownHierarchy);
    }

    /** Resolves every external key of the rows against the database as it is now. */
    void resolve(Handle handle, List<RowWork> rows) throws SQLException {
        for (Map.Entry<String, Map<String, Integer>> entry : header.externalKeyColumns().entrySet()) {
            String key = entry.getKey();
            AttributeDef attribute = modelClass.attribute(key).orElseThrow();
            Map<String, KeyOutcome> keyHits = hits.get(key);
            Map<String, String[]> distinct = new LinkedHashMap<>();
            List<RowWork> open = new ArrayList<>();
            for (RowWork row : rows) {
                if (isFinal(row.keys.get(key))) {
                    continue;
                }
                open.add(row);
                KeySearch search = row.searches.get(key);
                if (!search.none() && !search.unsearchable() && !keyHits.containsKey(search.joinedKey())) {
                    distinct.putIfAbsent(search.joinedKey(), search.values());
                }
            }
            Map<String, List<Long>> matches = distinct.isEmpty() ? Map.of()
                    : query(handle.getConnection(), key, new ArrayList<>(entry.getValue().keySet()), distinct);
            if (!ownHierarchy) {
                matches.forEach((joined, ids) -> {
                    if (ids.size() == 1) {
                        keyHits.put(joined, found(ids.get(0)));
                    }
                });
            }
            for (RowWork row : open) {
                KeySearch search = row.searches.get(key);
                KeyOutcome outcome;
                if (search.none()) {
                    outcome = noneOutcome(attribute);
                } else {
                    KeyOutcome hit = search.unsearchable() ? null : keyHits.get(search.joinedKey());
                    List<Long> ids = hit != null ? List.of(hit.id())
                            : search.unsearchable() ? List.of() : matches.getOrDefault(search.joinedKey(), List.of());
                    if (hit != null) {
                        outcome = hit;
                    } else if (ids.size() == 1) {
                        outcome = found(ids.get(0));
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

    private static KeyOutcome found(Long id) {
        return new KeyOutcome(KeyOutcome.Kind.FOUND, id, id.toString());
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
