package io.github.itopdata.core.imports.internal;

import io.github.itopdata.core.model.AttributeDef;
import io.github.itopdata.core.model.AttributeType;
import io.github.itopdata.core.model.Model;
import io.github.itopdata.core.model.ModelClass;
import io.github.itopdata.core.store.ChangeSet;
import io.github.itopdata.core.store.ClassTable;
import io.github.itopdata.core.store.ColumnMapping;
import io.github.itopdata.core.store.SchemaMapping;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads, resolves, compares and writes the n:n link-set cells of the header. A cell is the
 * complete list of links: {@code |} separates links, {@code ;} the parts of a link, {@code :} an
 * attribute code from its value, and {@code '} quotes a part. Links are looked up and written one
 * row at a time, which suits their usual sizes (a few links per object).
 */
final class LinkSets {

    /** A cell parsed but not resolved yet: per link, its parts in order. */
    record ParsedCell(List<List<String[]>> links) {
    }

    private final Model model;
    private final SchemaMapping mapping;
    private final ModelClass modelClass;
    private final HeaderMapping header;
    private final ValueConverter converter;
    private final List<String> codes = new ArrayList<>();

    LinkSets(Model model, SchemaMapping mapping, ModelClass modelClass, HeaderMapping header, ValueConverter converter) {
        this.model = model;
        this.mapping = mapping;
        this.modelClass = modelClass;
        this.header = header;
        this.converter = converter;
        for (String code : header.attributeColumns().keySet()) {
            if (modelClass.attribute(code).map(a -> a.type() == AttributeType.LINKED_SET_INDIRECT).orElse(false)) {
                codes.add(code);
            }
        }
    }

    boolean isEmpty() {
        return codes.isEmpty();
    }

    /** Parses the link-set cells of a row; syntax errors become invalid cells. */
    void prepare(RowWork row) {
        for (String code : codes) {
            String cell = row.cell(header.attributeColumns().get(code));
            row.values.put(code, parse(cell == null ? "" : cell));
        }
    }

    private static CellConversion parse(String cell) {
        List<List<String[]>> links = new ArrayList<>();
        try {
            CsvRowReader reader = new CsvRowReader(new StringReader(cell.replace('|', '\n')), ';', '\'');
            List<String> parts;
            while ((parts = reader.nextRow()) != null) {
                List<String[]> link = new ArrayList<>();
                for (String part : parts) {
                    String text = part == null ? "" : part;
                    int colon = text.indexOf(':');
                    if (colon < 0) {
                        return failed("Wrong format for link attribute specification: value = " + text);
                    }
                    link.add(new String[] {text.substring(0, colon).strip(), text.substring(colon + 1)});
                }
                links.add(link);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Reading a string cannot fail", e);
        }
        return CellConversion.valid(new ParsedCell(links));
    }

    private static CellConversion failed(String message) {
        return CellConversion.invalid("Failed to process input: " + message);
    }

    /** Resolves the parsed cells of the rows and loads the current links of matched objects. */
    void resolve(Connection connection, List<RowWork> rows) throws SQLException {
        for (RowWork row : rows) {
            row.currentLinks.clear();
            for (String code : codes) {
                CellConversion cell = row.values.get(code);
                if (cell.isValid() && cell.value() instanceof ParsedCell parsed) {
                    row.values.put(code, resolve(connection, code, parsed));
                }
                if (row.matchCount == 1) {
                    row.currentLinks.put(code, currentLinks(connection, code, row.matchedId));
                }
            }
        }
    }

    private CellConversion resolve(Connection connection, String code, ParsedCell parsed) throws SQLException {
        AttributeDef attribute = modelClass.attribute(code).orElseThrow();
        ModelClass linkClass = model.get(attribute.linkedClass().orElseThrow());
        String toMe = attribute.extKeyToMe().orElseThrow();
        String toRemote = attribute.extKeyToRemote().orElseThrow();
        List<LinkSetValue.Link> links = new ArrayList<>();
        for (List<String[]> parts : parsed.links()) {
            String linkClassName = linkClass.name();
            Map<String, Object> values = new LinkedHashMap<>();
            Map<String, Map<String, String>> searches = new LinkedHashMap<>();
            for (String[] part : parts) {
                String attCode = part[0];
                String value = part[1];
                if (attCode.equals("finalclass")) {
                    if (model.find(value).isEmpty() || !model.isSameOrSubclassOf(value, linkClass.name())) {
                        return failed("Wrong class for link attribute specification: requested_class = " + value
                                + ", expected_class = " + linkClass.name());
                    }
                    linkClassName = value;
                    continue;
                }
                int arrow = attCode.indexOf("->");
                String keyCode = arrow < 0 ? attCode : attCode.substring(0, arrow);
                Optional<AttributeDef> linkAttribute = linkClass.attribute(keyCode);
                boolean known = linkAttribute.isPresent() && (arrow < 0 || linkAttribute.get().type().isExternalKey()
                        && model.get(linkAttribute.get().targetClass().orElseThrow())
                                .hasAttribute(attCode.substring(arrow + 2)));
                if (!known) {
                    return failed("Wrong attribute code for link attribute specification: class = " + linkClass.name()
                            + ", attcode = " + attCode);
                }
                if (arrow >= 0) {
                    searches.computeIfAbsent(keyCode, k -> new LinkedHashMap<>()).put(attCode.substring(arrow + 2), value);
                } else if (linkAttribute.get().type().isExternalKey()) {
                    values.put(keyCode, ImportRun.isIdText(value.strip()) ? Long.parseLong(value.strip()) : -1L);
                } else {
                    CellConversion conversion = converter.convertValue(linkAttribute.get(), value);
                    if (!conversion.isValid()) {
                        return failed(conversion.error());
                    }
                    values.put(keyCode, conversion.value());
                }
            }
            if (model.get(linkClassName).isAbstract()) {
                return failed("Missing finalclass for link attribute specification");
            }
            for (Map.Entry<String, Map<String, String>> search : searches.entrySet()) {
                List<Long> ids = search(connection, linkClass, search.getKey(), search.getValue());
                String reconciliation = String.join(", ", search.getValue().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).toList());
                if (ids.isEmpty()) {
                    return failed("Found no match: ext_key = " + search.getKey() + ", reconciliation = " + reconciliation);
                }
                if (ids.size() > 1) {
                    return failed("Found several matches: ext_key = " + search.getKey() + ", reconciliation = "
                            + reconciliation);
                }
                values.put(search.getKey(), ids.get(0));
            }
            List<String> missing = new ArrayList<>();
            for (AttributeDef linkAttribute : linkClass.allAttributes()) {
                if (!linkAttribute.isNullable() && !linkAttribute.isReadOnly() && !linkAttribute.code().equals(toMe)
                        && mapping.table(linkClass.name()).isStored(linkAttribute.code())
                        && values.get(linkAttribute.code()) == null && linkAttribute.defaultValue().isEmpty()) {
                    missing.add(linkAttribute.code());
                }
            }
            if (!missing.isEmpty()) {
                return failed("Missing value for mandatory attribute(s): " + String.join(", ", missing));
            }
            Object remote = values.remove(toRemote);
            links.add(new LinkSetValue.Link((Long) remote, values, linkClassName));
        }
        return CellConversion.valid(new LinkSetValue(toRemote, links));
    }

    private List<Long> search(Connection connection, ModelClass linkClass, String keyCode, Map<String, String> fields)
            throws SQLException {
        ModelClass target = model.get(linkClass.attribute(keyCode).flatMap(AttributeDef::targetClass).orElseThrow());
        ClassTable table = mapping.table(target.name());
        List<String> joins = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        for (String field : fields.keySet()) {
            SearchField searchField = SearchField.of(model, mapping, target, field, "t", joins).orElse(null);
            if (searchField == null) {
                return List.of();
            }
            conditions.add(searchField.text() ? searchField.condition("?")
                    : searchField.expression() + "::text = ?");
        }
        String sql = "SELECT t.id FROM " + table.quotedTableName() + " t " + String.join(" ", joins) + " WHERE "
                + table.classCondition("t") + " AND " + String.join(" AND ", conditions) + " LIMIT 100";
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            for (String value : fields.values()) {
                statement.setString(index++, value);
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    ids.add(result.getLong(1));
                }
            }
        }
        return ids;
    }

    /** A stored link: its id, remote object id and other attribute values. */
    record StoredLink(long id, long remoteId, Map<String, Object> attributes) {
    }

    private List<StoredLink> currentLinks(Connection connection, String code, long hostId) throws SQLException {
        AttributeDef attribute = modelClass.attribute(code).orElseThrow();
        ModelClass linkClass = model.get(attribute.linkedClass().orElseThrow());
        ClassTable table = mapping.table(linkClass.name());
        ColumnMapping toMe = table.requireColumn(attribute.extKeyToMe().orElseThrow());
        ColumnMapping toRemote = table.requireColumn(attribute.extKeyToRemote().orElseThrow());
        List<ColumnMapping> others = otherColumns(table, attribute);
        StringBuilder sql = new StringBuilder("SELECT t.id, ").append(toRemote.qualified("t"));
        others.forEach(column -> sql.append(", ").append(column.qualified("t")));
        sql.append(" FROM ").append(table.quotedTableName()).append(" t WHERE ").append(table.classCondition("t"))
                .append(" AND ").append(toMe.qualified("t")).append(" = ? ORDER BY t.id");
        List<StoredLink> links = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            statement.setLong(1, hostId);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    Map<String, Object> values = new HashMap<>();
                    for (int i = 0; i < others.size(); i++) {
                        values.put(others.get(i).attCode(), SqlText.fromJdbc(result.getObject(3 + i)));
                    }
                    links.add(new StoredLink(result.getLong(1), result.getLong(2), values));
                }
            }
        }
        return links;
    }

    private static List<ColumnMapping> otherColumns(ClassTable table, AttributeDef attribute) {
        return table.writableColumns().stream()
                .filter(c -> !c.attCode().equals(attribute.extKeyToMe().orElseThrow())
                        && !c.attCode().equals(attribute.extKeyToRemote().orElseThrow()))
                .toList();
    }

    /** Adds the link sets a matched row changes to {@code changes} (old list text, new value). */
    void addChanges(RowWork row, Map<String, Object[]> changes) {
        for (String code : codes) {
            CellConversion cell = row.values.get(code);
            if (!cell.isValid() || !(cell.value() instanceof LinkSetValue requested)) {
                continue;
            }
            List<StoredLink> stored = row.currentLinks.getOrDefault(code, List.of());
            if (!sameLinks(stored, requested)) {
                String old = String.join("|", stored.stream()
                        .map(link -> "'" + requested.remoteKey() + ":" + link.remoteId() + "'").toList());
                changes.put(code, new Object[] {old, requested});
            }
        }
    }

    private static boolean sameLinks(List<StoredLink> stored, LinkSetValue requested) {
        if (stored.size() != requested.links().size()) {
            return false;
        }
        Map<Long, StoredLink> byRemote = new HashMap<>();
        stored.forEach(link -> byRemote.put(link.remoteId(), link));
        for (LinkSetValue.Link link : requested.links()) {
            StoredLink match = byRemote.remove(link.remoteId());
            if (match == null) {
                return false;
            }
            for (Map.Entry<String, Object> value : link.attributes().entrySet()) {
                if (!Objects.equals(SqlText.of(match.attributes().get(value.getKey())), SqlText.of(value.getValue()))) {
                    return false;
                }
            }
        }
        return byRemote.isEmpty();
    }

    /**
     * Writes the link changes of a written row, each with its history. Stored links that are not
     * listed are deleted, listed links that are not stored are created, and listed links whose
     * attributes differ are updated.
     */
    void write(Connection connection, RowWork row, long hostId, ChangeSet changeSet) throws SQLException {
        for (String code : codes) {
            CellConversion cell = row.values.get(code);
            if (!cell.isValid() || !(cell.value() instanceof LinkSetValue requested)) {
                continue;
            }
            AttributeDef attribute = modelClass.attribute(code).orElseThrow();
            ModelClass linkClass = model.get(attribute.linkedClass().orElseThrow());
            ClassTable table = mapping.table(linkClass.name());
            Map<Long, StoredLink> stored = new LinkedHashMap<>();
            row.currentLinks.getOrDefault(code, List.of()).forEach(link -> stored.put(link.remoteId(), link));
            for (LinkSetValue.Link link : requested.links()) {
                StoredLink existing = stored.remove(link.remoteId());
                if (existing == null) {
                    insertLink(connection, table, attribute, hostId, link, changeSet);
                } else {
                    for (Map.Entry<String, Object> value : link.attributes().entrySet()) {
                        Object old = existing.attributes().get(value.getKey());
                        if (!Objects.equals(SqlText.of(old), SqlText.of(value.getValue()))) {
                            ColumnMapping column = table.requireColumn(value.getKey());
                            execute(connection, "UPDATE " + table.quotedTableName() + " SET " + column.quotedName()
                                    + " = ?::" + column.ddlType() + " WHERE id = ?", SqlText.of(value.getValue()),
                                    existing.id());
                            history(connection, changeSet, link.linkClass(), existing.id(), "update", value.getKey(),
                                    SqlText.of(old), SqlText.of(value.getValue()));
                        }
                    }
                }
            }
            for (StoredLink removed : stored.values()) {
                execute(connection, "DELETE FROM " + table.quotedTableName() + " WHERE id = ?", removed.id());
                history(connection, changeSet, linkClass.name(), removed.id(), "delete", null, null, null);
            }
        }
    }

    private void insertLink(Connection connection, ClassTable table, AttributeDef attribute, long hostId,
            LinkSetValue.Link link, ChangeSet changeSet) throws SQLException {
        List<String> columns = new ArrayList<>(List.of("finalclass",
                table.requireColumn(attribute.extKeyToMe().orElseThrow()).quotedName(),
                table.requireColumn(attribute.extKeyToRemote().orElseThrow()).quotedName()));
        List<String> placeholders = new ArrayList<>(List.of("?", "?::bigint", "?::bigint"));
        List<Object> values = new ArrayList<>(List.of(link.linkClass(), Long.toString(hostId),
                Long.toString(link.remoteId())));
        for (Map.Entry<String, Object> value : link.attributes().entrySet()) {
            ColumnMapping column = table.requireColumn(value.getKey());
            columns.add(column.quotedName());
            placeholders.add("?::" + column.ddlType());
            values.add(SqlText.of(value.getValue()));
        }
        String sql = "INSERT INTO " + table.quotedTableName() + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", placeholders) + ") RETURNING id";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.size(); i++) {
                statement.setString(i + 1, (String) values.get(i));
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                history(connection, changeSet, link.linkClass(), result.getLong(1), "create", null, null, null);
            }
        }
    }

    private static void history(Connection connection, ChangeSet changeSet, String objectClass, long id, String type,
            String attCode, String oldValue, String newValue) throws SQLException {
        execute(connection, "INSERT INTO itop_change_op (change_id, objclass, objkey, optype, attcode, oldvalue,"
                + " newvalue) VALUES (?, ?, ?, ?, ?, ?, ?)", changeSet.id(), objectClass, id, type, attCode, oldValue,
                newValue);
    }

    private static void execute(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
