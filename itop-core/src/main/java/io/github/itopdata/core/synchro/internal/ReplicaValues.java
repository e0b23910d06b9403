package io.github.itopdata.core.synchro.internal;

import io.github.itopdata.core.imports.internal.CellConversion;
import io.github.itopdata.core.imports.internal.ValueConverter;
import io.github.itopdata.core.model.AttributeDef;
import io.github.itopdata.core.model.AttributeType;
import io.github.itopdata.core.model.EnumValue;
import io.github.itopdata.core.store.ClassTable;
import io.github.itopdata.core.store.ColumnMapping;
import io.github.itopdata.core.store.Document;
import io.github.itopdata.core.store.SchemaMapping;
import io.github.itopdata.core.synchro.SynchroAttributeDef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Turns the text of a replica table column into the value written to an object, with the
 * import's conversion rules. NULL ignores the attribute and the empty string resets it. A value
 * that does not convert is skipped with a warning, never turned into a reset. Documents, which
 * span four columns, follow the same rules through {@link #resolveDocument}.
 *
 * <p>External keys found by an attribute of their target class are looked up folded (case,
 * accents and trailing spaces ignored), once per value and run.
 */
public final class ReplicaValues {

    /** A resolved value: {@code ignored} when the attribute must be left as it is. */
    public record Resolved(boolean ignored, Object value, String warning) {
        static Resolved ignore(String warning) {
            return new Resolved(true, null, warning);
        }

        static Resolved of(Object value) {
            return new Resolved(false, value, null);
        }

        static Resolved of(Object value, String warning) {
            return new Resolved(false, value, warning);
        }
    }

    private final SchemaMapping mapping;
    private final ValueConverter converter = new ValueConverter(false, "");
    private final Map<String, Lookup> lookups = new HashMap<>();
    private final LinkSets linkSets;

    private record Lookup(long matches, Long id) {
    }

    public ReplicaValues(SchemaMapping mapping) {
        this.mapping = mapping;
        this.linkSets = new LinkSets(mapping);
    }

    /**
     * Resolves the column text of one attribute.
     *
     * @param primaryKey the replica's primary_key, named in warnings
     * @throws InvalidReplicaValueException for an external key id that points to no object, which
     *     makes the object write fail
     */
    public Resolved resolve(Handle handle, AttributeDef attribute, SynchroAttributeDef synchro, String text,
            String primaryKey) {
        if (text == null) {
            return Resolved.ignore(null);
        }
        if (attribute.type().isExternalKey()) {
            return resolveKey(handle, attribute, synchro, text);
        }
        if (attribute.type() == AttributeType.LINKED_SET_INDIRECT) {
            return Resolved.of(linkSets.parse(handle, attribute, synchro, text));
        }
        if (text.isEmpty()) {
            return Resolved.of(attribute.type().isStringLike() ? "" : null);
        }
        CellConversion converted = converter.convertValue(attribute, text);
        if (!converted.isValid()) {
            return Resolved.ignore("Invalid value for '" + attribute.code() + "' (primary_key '" + primaryKey + "'): '"
                    + text + "', expected " + expectedForm(attribute, converted.error()) + "; attribute skipped");
        }
        Object value = converted.value();
        return Resolved.of(value == null && attribute.type().isStringLike() ? "" : value);
    }

    /**
     * Resolves the columns of a document attribute, read together as one document: null when
     * any of the four columns is NULL, which leaves the attribute as it is. A document whose
     * contents, MIME type and file name are all empty resets the attribute to no document.
     */
    public static Resolved resolveDocument(Document columns) {
        if (columns == null) {
            return Resolved.ignore(null);
        }
        if (columns.isEmpty() && columns.mimeType().isEmpty() && columns.fileName().isEmpty()) {
            return Resolved.of(null);
        }
        return Resolved.of(columns);
    }

    private Resolved resolveKey(Handle handle, AttributeDef attribute, SynchroAttributeDef synchro, String text) {
        if (text.isEmpty()) {
            return Resolved.of(null);
        }
        String target = attribute.targetClass().orElseThrow();
        ClassTable table = mapping.table(target);
        String searchCode = synchro == null ? "" : synchro.reconciliationAttCode();
        if (searchCode.isEmpty()) {
            if (!text.matches("[0-9]{1,18}")) {
                throw new InvalidReplicaValueException("invalid id '" + text + "' for '" + attribute.code()
                        + "': expected the id of " + article(target));
            }
            long id = Long.parseLong(text);
            if (id == 0) {
                return Resolved.of(null);
            }
            Lookup found = lookups.computeIfAbsent(attribute.code() + "\u0000id\u0000" + text, key -> new Lookup(
                    handle.createQuery("SELECT count(*) FROM " + table.quotedTableName() + " o WHERE o.id = :id AND "
                            + table.classCondition("o")).bind("id", id).mapTo(Long.class).one(), id));
            if (found.matches() == 0) {
                throw new InvalidReplicaValueException("no " + target + " with id " + id + " for '" + attribute.code()
                        + "'");
            }
            return Resolved.of(id);
        }
        Lookup found = lookups.computeIfAbsent(attribute.code() + "\u0000" + searchCode + "\u0000" + text,
                key -> lookUp(handle, table, searchCode, text));
        if (found.matches() == 1) {
            return Resolved.of(found.id());
        }
        String warning = found.matches() == 0
                ? "Could not find object for '" + attribute.code() + "': searched on " + searchCode + " = '" + text + "'"
                : "Found " + found.matches() + " objects for '" + attribute.code() + "': searched on " + searchCode
                        + " = '" + text + "'";
        return Resolved.of(null, warning);
    }

    /** Returns the value a failed external key lookup gives as a reconciliation value: 0, which no object has. */
    public static Object unmatchedKey() {
        return 0L;
    }

    private static Lookup lookUp(Handle handle, ClassTable table, String searchCode, String text) {
        ColumnMapping column = table.requireColumn(searchCode);
        String condition = column.isText()
                ? "itop_fold(" + column.qualified("o") + ") = itop_fold(:value)"
                : column.qualified("o") + "::text = :value";
        List<Long> ids = handle.createQuery("SELECT o.id FROM " + table.quotedTableName() + " o WHERE "
                        + table.classCondition("o") + " AND " + condition + " ORDER BY o.id LIMIT 2")
                .bind("value", text).mapTo(Long.class).list();
        return new Lookup(ids.size(), ids.isEmpty() ? null : ids.get(0));
    }

    private static String expectedForm(AttributeDef attribute, String converterMessage) {
        return switch (attribute.type()) {
            case DATE -> "a date as YYYY-MM-DD";
            case DATE_TIME -> "a date and time as YYYY-MM-DD HH:MM:SS";
            case INTEGER, DURATION, PERCENTAGE -> "an integer";
            case DECIMAL -> "a decimal number such as 12.5";
            case BOOLEAN -> "1 or 0";
            case ENUM -> "one of " + attribute.enumValues().stream().map(EnumValue::code).toList();
            default -> converterMessage;
        };
    }

    private static String article(String className) {
        return "a " + className;
    }
}
