package io.github.itopdata.core.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the object tables of a model and grows them in place when the model grows.
 *
 * <p>Growing never drops or empties anything: new classes get tables, new attributes get
 * columns, a column whose attribute changed type is widened when no value can be lost (to
 * {@code text}, {@code integer} to {@code bigint}, a larger {@code numeric}), and columns of
 * attributes that left the model stay as they are. Any other type change is rejected with a
 * message naming the column. All changes run in one transaction under an advisory lock, so
 * concurrent processes apply them once.
 */
public final class StoreSchema {

    /** Name of the setting holding the fingerprint of the layout in the database. */
    public static final String FINGERPRINT_SETTING = "store.layout_fingerprint";
    /** Name of the setting holding the readable description of the layout in the database. */
    public static final String DESCRIPTION_SETTING = "store.layout_description";

    private static final Logger LOG = LoggerFactory.getLogger(StoreSchema.class);
    /** Arbitrary constant that names the schema lock among the product's advisory locks. */
    private static final long SCHEMA_LOCK_KEY = 0x6974_6f70_7363_68L;

    private StoreSchema() {
    }

    /**
     * Brings the object tables in line with a mapping. The internal tables must be migrated
     * first ({@code Database.migrate()}).
     *
     * @throws StoreException if a column would have to change type with a possible loss
     */
    public static SchemaChanges apply(Jdbi jdbi, SchemaMapping mapping) {
        return jdbi.inTransaction(handle -> {
            handle.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK_KEY + ")");
            List<String> actions = new ArrayList<>();
            for (HierarchyTable table : mapping.hierarchies()) {
                applyTable(handle, table, actions);
            }
            String fingerprint = mapping.fingerprint();
            saveSetting(handle, FINGERPRINT_SETTING, fingerprint);
            saveSetting(handle, DESCRIPTION_SETTING, mapping.describe());
            for (String action : actions) {
                LOG.info("Schema: {}", action);
            }
            return new SchemaChanges(actions, fingerprint);
        });
    }

    /**
     * Creates the fold index of a text attribute unless it exists, for keys the model does not
     * declare, such as the reconciliation attributes of a synchronization data source. Creating
     * it blocks writes to the table while the index is built.
     *
     * @return true if the index was created
     * @throws IllegalArgumentException if the attribute is not a stored text attribute
     */
    public static boolean ensureFoldIndex(Handle handle, ClassTable table, String attCode) {
        ColumnMapping column = table.requireColumn(attCode);
        if (!column.isText()) {
            throw new IllegalArgumentException("Attribute '" + attCode + "' of class " + table.className()
                    + " is " + column.ddlType() + ", not text: only text values are matched through itop_fold");
        }
        String index = SchemaMapping.identifier(table.tableName() + "_fold_" + column.columnName());
        return createIndex(handle, index, table.tableName(), "itop_fold(" + column.quotedName() + ")");
    }

    /** Returns the fingerprint of the layout last applied to the database, empty if none was. */
    public static Optional<String> storedFingerprint(Jdbi jdbi) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT value FROM itop_setting WHERE name = :name")
                .bind("name", FINGERPRINT_SETTING)
                .mapTo(String.class)
                .findOne());
    }

    private static void applyTable(Handle handle, HierarchyTable table, List<String> actions) {
        Map<String, String> existing = existingColumns(handle, table.tableName());
        if (existing.isEmpty()) {
            createTable(handle, table);
            actions.add("created table " + table.tableName() + " for " + table.rootClassName());
        } else {
            for (ColumnMapping column : table.columns()) {
                growColumn(handle, table, column, existing, actions);
            }
        }
        for (String column : table.foldIndexedColumns()) {
            String index = SchemaMapping.identifier(table.tableName() + "_fold_" + column);
            if (createIndex(handle, index, table.tableName(), "itop_fold(" + SchemaMapping.quote(column) + ")")) {
                actions.add("created index " + index);
            }
        }
        for (String column : table.keyIndexedColumns()) {
            String index = SchemaMapping.identifier(table.tableName() + "_key_" + column);
            if (createIndex(handle, index, table.tableName(), SchemaMapping.quote(column))) {
                actions.add("created index " + index);
            }
        }
    }

    private static void createTable(Handle handle, HierarchyTable table) {
        String sequence = SchemaMapping.quote(table.sequenceName());
        StringBuilder ddl = new StringBuilder("CREATE TABLE ").append(SchemaMapping.quote(table.tableName()))
                .append(" (id bigint PRIMARY KEY DEFAULT nextval('").append(table.sequenceName().replace("'", "''"))
                .append("'), finalclass text NOT NULL");
        for (ColumnMapping column : table.columns()) {
            ddl.append(", ").append(column.quotedName()).append(' ').append(column.ddlType());
        }
        ddl.append(')');
        handle.execute("CREATE SEQUENCE IF NOT EXISTS " + sequence + " AS bigint");
        handle.execute(ddl.toString());
        handle.execute("ALTER SEQUENCE " + sequence + " OWNED BY " + SchemaMapping.quote(table.tableName()) + ".id");
    }

    private static void growColumn(Handle handle, HierarchyTable table, ColumnMapping column,
            Map<String, String> existing, List<String> actions) {
        String quotedTable = SchemaMapping.quote(table.tableName());
        String current = existing.get(column.columnName());
        if (current == null) {
            String plainName = column.attCode().toLowerCase(java.util.Locale.ROOT);
            if (!plainName.equals(column.columnName()) && column.ddlType().equals(existing.get(plainName))) {
                // Another class of the hierarchy now declares the same code with another type, so the
                // existing column takes its type suffix; renaming keeps its values.
                handle.execute("ALTER TABLE " + quotedTable + " RENAME COLUMN " + SchemaMapping.quote(plainName)
                        + " TO " + column.quotedName());
                existing.put(column.columnName(), existing.remove(plainName));
                actions.add("renamed column " + table.tableName() + "." + plainName + " to " + column.columnName());
                return;
            }
            handle.execute("ALTER TABLE " + quotedTable + " ADD COLUMN " + column.quotedName() + " " + column.ddlType());
            existing.put(column.columnName(), column.ddlType());
            actions.add("added column " + table.tableName() + "." + column.columnName() + " " + column.ddlType());
            return;
        }
        if (current.equals(column.ddlType())) {
            return;
        }
        if (!canWiden(current, column.ddlType())) {
            throw new StoreException("Column " + table.tableName() + "." + column.columnName() + " contains " + current
                    + " values but attribute '" + column.attCode() + "' now needs " + column.ddlType()
                    + ", which could lose data: restore the attribute's type in the model, or convert the column"
                    + " by hand and start again");
        }
        handle.execute("ALTER TABLE " + quotedTable + " ALTER COLUMN " + column.quotedName() + " TYPE "
                + column.ddlType() + " USING " + column.quotedName() + "::" + column.ddlType());
        existing.put(column.columnName(), column.ddlType());
        actions.add("widened column " + table.tableName() + "." + column.columnName() + " from " + current + " to "
                + column.ddlType());
    }

    /** Tells whether every value of type {@code from} converts to {@code to} without loss. */
    static boolean canWiden(String from, String to) {
        if (to.equals("text")) {
            return !from.equals("bytea");
        }
        if (from.equals("integer") && to.equals("bigint")) {
            return true;
        }
        Optional<int[]> fromNumeric = numericPrecision(from);
        Optional<int[]> toNumeric = numericPrecision(to);
        if (toNumeric.isPresent() && from.equals("integer")) {
            return toNumeric.get()[0] - toNumeric.get()[1] >= 10;
        }
        if (fromNumeric.isEmpty() || toNumeric.isEmpty()) {
            return false;
        }
        int[] f = fromNumeric.get();
        int[] t = toNumeric.get();
        return t[1] >= f[1] && t[0] - t[1] >= f[0] - f[1];
    }

    private static Optional<int[]> numericPrecision(String ddlType) {
        if (ddlType.equals("numeric")) {
            return Optional.of(new int[] {1000, 500});
        }
        if (!ddlType.startsWith("numeric(")) {
            return Optional.empty();
        }
        String[] parts = ddlType.substring("numeric(".length(), ddlType.length() - 1).split(",");
        return Optional.of(new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())});
    }

    private static boolean createIndex(Handle handle, String index, String table, String expression) {
        boolean exists = handle.createQuery("SELECT count(*) FROM pg_class WHERE relname = :name AND relkind = 'i'"
                        + " AND relnamespace = current_schema()::regnamespace")
                .bind("name", index)
                .mapTo(Integer.class)
                .one() > 0;
        if (exists) {
            return false;
        }
        handle.execute("CREATE INDEX " + SchemaMapping.quote(index) + " ON " + SchemaMapping.quote(table)
                + " (" + expression + ")");
        return true;
    }

    /** Returns the table's columns and their types, as written in DDL; empty if the table does not exist. */
    private static Map<String, String> existingColumns(Handle handle, String table) {
        Map<String, String> columns = new HashMap<>();
        handle.createQuery("SELECT a.attname, format_type(a.atttypid, a.atttypmod) AS type"
                        + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                        + " WHERE c.relname = :table AND c.relnamespace = current_schema()::regnamespace"
                        + " AND a.attnum > 0 AND NOT a.attisdropped")
                .bind("table", table)
                .map((rows, context) -> Map.entry(rows.getString("attname"), normalizeType(rows.getString("type"))))
                .forEach(entry -> columns.put(entry.getKey(), entry.getValue()));
        return columns;
    }

    private static String normalizeType(String formatted) {
        return switch (formatted) {
            case "timestamp without time zone" -> "timestamp";
            default -> formatted;
        };
    }

    private static void saveSetting(Handle handle, String name, String value) {
        handle.createUpdate("INSERT INTO itop_setting (name, value) VALUES (:name, :value)"
                        + " ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, updated_at = now()")
                .bind("name", name)
                .bind("value", value)
                .execute();
    }
}
