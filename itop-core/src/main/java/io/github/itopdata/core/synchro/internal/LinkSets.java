package io.github.itopdata.core.synchro.internal;

import io.github.itopdata.core.imports.internal.CellConversion;
import io.github.itopdata.core.imports.internal.CsvRowReader;
import io.github.itopdata.core.imports.internal.ValueConverter;
import io.github.itopdata.core.model.AttributeDef;
import io.github.itopdata.core.model.ModelClass;
import io.github.itopdata.core.store.ChangeSet;
import io.github.itopdata.core.store.ClassTable;
import io.github.itopdata.core.store.ColumnMapping;
import io.github.itopdata.core.store.ObjectStore;
import io.github.itopdata.core.store.SchemaMapping;
import io.github.itopdata.core.store.StoredObject;
import io.github.itopdata.core.synchro.SynchroAttributeDef;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * Parses the text of an indirect link set column and replaces an object's links with it.
 *
 * <p>The text is a list of links separated by the row separator ({@code |} by default). Each
 * link is a CSV line of cells separated by the attribute separator ({@code ;}) and quoted with
 * the qualifier ({@code '}). Each cell is {@code <attcode>:<value>}, split at the first value
 * separator ({@code :}); {@code <extkey>-><attcode>:<value>} finds the object of an external
 * key by one of its attributes, several such cells on one key combining with AND, and
 * {@code finalclass:<class>} picks a subclass of the link class. Any failure is an
 * {@link InvalidReplicaValueException}, which makes the object write fail.
 */
public final class LinkSets {

    /** The parsed links of one link set attribute: the link class and each link's values by attribute code. */
    public record Links(AttributeDef attribute, List<Map<String, Object>> links) {
    }

    private final SchemaMapping mapping;
    private final ValueConverter converter = new ValueConverter(false, "");

    public LinkSets(SchemaMapping mapping) {
        this.mapping = mapping;
    }

    /** Parses a link set column into links, resolving external keys. */
    public Links parse(Handle handle, AttributeDef attribute, SynchroAttributeDef synchro, String text) {
        String linkClassName = attribute.linkedClass().orElseThrow();
        String rowSeparator = orDefault(synchro == null ? "" : synchro.rowSeparator(), "|");
        String attributeSeparator = orDefault(synchro == null ? "" : synchro.attributeSeparator(), ";");
        String valueSeparator = orDefault(synchro == null ? "" : synchro.valueSeparator(), ":");
        String qualifier = orDefault(synchro == null ? "" : synchro.attributeQualifier(), "'");
        List<Map<String, Object>> links = new ArrayList<>();
        if (text.isEmpty()) {
            return new Links(attribute, links);
        }
        for (String link : text.split(Pattern.quote(rowSeparator), -1)) {
            if (link.isBlank()) {
                continue;
            }
            links.add(parseLink(handle, attribute, linkClassName, link, attributeSeparator, valueSeparator, qualifier));
        }
        return new Links(attribute, links);
    }

    private Map<String, Object> parseLink(Handle handle, AttributeDef attribute, String linkClassName, String link,
            String attributeSeparator, String valueSeparator, String qualifier) {
        List<String> cells;
        try {
            cells = new CsvRowReader(new StringReader(link), attributeSeparator.codePointAt(0),
                    qualifier.codePointAt(0)).nextRow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String className = linkClassName;
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, Map<String, String>> searches = new LinkedHashMap<>();
        for (String cell : cells == null ? List.<String>of() : cells) {
            if (cell == null || cell.isEmpty()) {
                continue;
            }
            int split = cell.indexOf(valueSeparator);
            if (split < 0) {
                throw new InvalidReplicaValueException("invalid link '" + link + "' in '" + attribute.code()
                        + "': cell '" + cell + "' has no '" + valueSeparator + "' between code and value");
            }
            String code = cell.substring(0, split).strip();
            String value = cell.substring(split + valueSeparator.length());
            if (code.equals("finalclass")) {
                className = value.strip();
            } else if (code.contains("->")) {
                String key = code.substring(0, code.indexOf("->"));
                searches.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(code.substring(code.indexOf("->") + 2), value);
            } else {
                plain.put(code, value);
            }
        }
        String finalClassName = className;
        ModelClass linkClass = mapping.model().find(className).filter(c -> mapping.model()
                .isSameOrSubclassOf(c.name(), linkClassName)).orElseThrow(() -> new InvalidReplicaValueException(
                "invalid finalclass in '" + attribute.code() + "': " + linkClassName + " has no subclass '"
                        + finalClassName + "'"));
        if (linkClass.isAbstract()) {
            throw new InvalidReplicaValueException("the link class " + linkClass.name() + " of '" + attribute.code()
                    + "' is abstract: give finalclass:<subclass> in each link");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("finalclass", linkClass.name());
        for (Map.Entry<String, String> cell : plain.entrySet()) {
            AttributeDef linkAttribute = linkAttribute(linkClass, cell.getKey(), attribute);
            if (linkAttribute.type().isExternalKey()) {
                values.put(cell.getKey(), Long.parseLong(cell.getValue().strip()));
                continue;
            }
            CellConversion converted = converter.convertValue(linkAttribute, cell.getValue());
            if (!converted.isValid()) {
                throw new InvalidReplicaValueException(converted.error());
            }
            values.put(cell.getKey(), converted.value());
        }
        for (Map.Entry<String, Map<String, String>> search : searches.entrySet()) {
            AttributeDef key = linkAttribute(linkClass, search.getKey(), attribute);
            values.put(search.getKey(), findTarget(handle, key, search.getValue(), link));
        }
        return values;
    }

    private static AttributeDef linkAttribute(ModelClass linkClass, String code, AttributeDef attribute) {
        return linkClass.attribute(code).orElseThrow(() -> new InvalidReplicaValueException("invalid link in '"
                + attribute.code() + "': class " + linkClass.name() + " has no attribute '" + code + "'"));
    }

    private long findTarget(Handle handle, AttributeDef key, Map<String, String> conditions, String link) {
        ClassTable table = mapping.table(key.targetClass().orElseThrow());
        StringBuilder sql = new StringBuilder("SELECT o.id FROM " + table.quotedTableName() + " o WHERE "
                + table.classCondition("o"));
        int index = 0;
        for (String code : conditions.keySet()) {
            ColumnMapping column = table.column(code).orElseThrow(() -> new InvalidReplicaValueException(
                    "invalid link '" + link + "': class " + table.className() + " has no stored attribute '" + code + "'"));
            sql.append(column.isText() ? " AND itop_fold(" + column.qualified("o") + ") = itop_fold(:v" + index + ")"
                    : " AND " + column.qualified("o") + "::text = :v" + index);
            index++;
        }
        var query = handle.createQuery(sql.append(" ORDER BY o.id LIMIT 2").toString());
        index = 0;
        for (String value : conditions.values()) {
            query.bind("v" + index++, value);
        }
        List<Long> ids = query.mapTo(Long.class).list();
        if (ids.size() != 1) {
            throw new InvalidReplicaValueException((ids.isEmpty() ? "Found no match" : "Found several matches")
                    + " for '" + key.code() + "' in link '" + link + "' of " + table.className());
        }
        return ids.get(0);
    }

    /**
     * Replaces the links of an object with the parsed ones: links that are not in the new set are
     * deleted and missing ones created, with history under the run's change.
     *
     * @return the number of links created or deleted
     */
    public int replace(Handle handle, ObjectStore store, ChangeSet change, long objectId, Links links) {
        AttributeDef attribute = links.attribute();
        String linkClassName = attribute.linkedClass().orElseThrow();
        String toMe = attribute.extKeyToMe().orElseThrow();
        ClassTable table = mapping.table(linkClassName);
        List<StoredObject> existing = store.findByKey(handle, linkClassName, Map.of(toMe, objectId));
        List<StoredObject> unmatched = new ArrayList<>(existing);
        int changes = 0;
        for (Map<String, Object> link : links.links()) {
            StoredObject match = unmatched.stream().filter(current -> sameLink(current, link)).findFirst().orElse(null);
            if (match != null) {
                unmatched.remove(match);
                continue;
            }
            Map<String, Object> values = new LinkedHashMap<>(link);
            String className = (String) values.remove("finalclass");
            values.put(toMe, objectId);
            store.create(handle, change, className, values);
            changes++;
        }
        for (StoredObject gone : unmatched) {
            store.delete(handle, change, table.className(), gone.id());
            changes++;
        }
        return changes;
    }

    private static boolean sameLink(StoredObject current, Map<String, Object> link) {
        if (!current.finalClass().equals(link.get("finalclass"))) {
            return false;
        }
        for (Map.Entry<String, Object> value : link.entrySet()) {
            if (value.getKey().equals("finalclass")) {
                continue;
            }
            Object stored = current.values().get(value.getKey());
            if (!Objects.equals(normalize(stored), normalize(value.getValue()))) {
                return false;
            }
        }
        return true;
    }

    private static Object normalize(Object value) {
        return value instanceof Integer || value instanceof Long ? (Object) ((Number) value).longValue() : value;
    }

    private static String orDefault(String value, String defaultValue) {
        return value == null || value.isEmpty() ? defaultValue : value;
    }
}
