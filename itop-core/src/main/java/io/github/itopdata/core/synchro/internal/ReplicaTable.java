package io.github.itopdata.core.synchro.internal;

import io.github.itopdata.core.store.SchemaMapping;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * The data table ("replica table") of a data source and its triggers.
 *
 * <p>Columns: {@code id} (the replica's id, given by the replica sequence), {@code primary_key}
 * (the external identifier, {@code varchar(255)}, indexed through {@code itop_fold} so that keys
 * differing by case, accents or trailing spaces are one row) and the columns of the target
 * attributes ({@link TargetAttributes#columns}). Statement-level triggers with transition
 * tables keep the replica records in step, so a bulk load costs a few statements: an insert
 * creates {@code new} replicas, any update refreshes {@code status_last_seen} and turns
 * {@code synchronized} into {@code modified} when an attribute column changed, and
 * {@code obsolete} into {@code new} or {@code modified}; a delete removes the replicas.
 *
 * <p>NOTE: an ETL that updates the {@code id} column breaks the link between the row and its
 * replica; nothing prevents it.
 */
public final class ReplicaTable {

    /**
     * Keeps the triggers off nested loops. The planner does not know how many rows a transition
     * table contains, so it joined the old and new rows of a 1,000-row update with a nested loop
     * that took most of a second; a hash join takes a few milliseconds.
     *
     * <p>A data table created before this setting keeps its old triggers until its data source
     * is updated or repaired ({@link #triggersOutdated}), which recreates them.
     */
    private static final String NO_NESTED_LOOP = " SET enable_nestloop = off";

    /**
     * The setting that a writer of the data table turns {@code on} (with {@code set_config(...,
     * true)}, for its transaction) while it updates rows whose replicas it has already marked
     * seen and modified itself, so that the update trigger does not do it a second time.
     */
    public static final String REPLICAS_MAINTAINED = "itop.replicas_maintained";

    /** A column of the table for a target attribute: its name and SQL type. */
    public record Column(String name, String ddlType) {
    }

    private final SynchroTables tables;

    public ReplicaTable(SynchroTables tables) {
        this.tables = tables;
    }

    /** Computes a table name: the given one cleaned and prefixed, else from the class and source id. */
    public static String nameFor(String requested, String className, long sourceId) {
        String prefix = "synchro_data_";
        String name = requested == null || requested.isEmpty()
                ? className.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_") + "_" + sourceId
                : requested.replaceAll("[^A-Za-z0-9_]", "_");
        name = name.toLowerCase(Locale.ROOT);
        return name.startsWith(prefix) ? name : prefix + name;
    }

    public static boolean exists(Handle handle, String tableName) {
        return handle.createQuery("SELECT to_regclass(:name) IS NOT NULL").bind("name", SchemaMapping.quote(tableName))
                .mapTo(Boolean.class).one();
    }

    /** Creates the table, its index and triggers. */
    public void create(Handle handle, String tableName, long sourceId, List<Column> columns) {
        String table = SchemaMapping.quote(tableName);
        StringBuilder ddl = new StringBuilder("CREATE TABLE ").append(table)
                .append(" (id bigint PRIMARY KEY DEFAULT nextval('").append(tables.replicaSequence())
                .append("'), primary_key varchar(255)");
        for (Column column : columns) {
            ddl.append(", ").append(SchemaMapping.quote(column.name())).append(' ').append(column.ddlType());
        }
        handle.execute(ddl.append(')').toString());
        handle.execute("CREATE INDEX " + SchemaMapping.quote(indexName(tableName)) + " ON " + table
                + " (itop_fold(primary_key))");
        createTriggers(handle, tableName, sourceId, columns.stream().map(Column::name).toList());
    }

    /**
     * Adds the columns the table lacks, keeping its rows and the columns of attributes that no
     * longer exist, then recreates the triggers with the new column list.
     *
     * @return the names of the columns added
     */
    public List<String> alter(Handle handle, String tableName, long sourceId, List<Column> columns) {
        List<Column> added = missingColumns(handle, tableName, columns);
        for (Column column : added) {
            handle.execute("ALTER TABLE " + SchemaMapping.quote(tableName) + " ADD COLUMN "
                    + SchemaMapping.quote(column.name()) + " " + column.ddlType());
        }
        createTriggers(handle, tableName, sourceId, columns.stream().map(Column::name).toList());
        return added.stream().map(Column::name).toList();
    }

    /** Returns the columns of the list that the table lacks. */
    public List<Column> missingColumns(Handle handle, String tableName, List<Column> columns) {
        List<String> existing = handle.createQuery("SELECT column_name FROM information_schema.columns"
                        + " WHERE table_schema = current_schema() AND table_name = :table")
                .bind("table", tableName).mapTo(String.class).list();
        return columns.stream().filter(c -> !existing.contains(c.name())).toList();
    }

    /** Counts the replica triggers of the table (three when it is in order). */
    public int triggerCount(Handle handle, String tableName) {
        return handle.createQuery("SELECT count(*) FROM pg_trigger WHERE tgrelid = to_regclass(:table) AND tgname IN"
                        + " ('replica_ins', 'replica_upd', 'replica_del')")
                .bind("table", SchemaMapping.quote(tableName)).mapTo(Integer.class).one();
    }

    /**
     * Tells whether the table's update trigger function predates the current one: it does not
     * skip rows whose replicas the writer maintains, or it may use nested loops.
     */
    public boolean triggersOutdated(Handle handle, String tableName) {
        return handle.createQuery("SELECT count(*) FROM pg_proc WHERE oid = to_regprocedure(:function)"
                        + " AND prosrc LIKE :marker AND proconfig::text LIKE '%enable_nestloop=off%'")
                .bind("function", SchemaMapping.quote(tableName + "_upd") + "()")
                .bind("marker", "%" + REPLICAS_MAINTAINED + "%")
                .mapTo(Integer.class).one() == 0;
    }

    public void drop(Handle handle, String tableName) {
        handle.execute("DROP TABLE IF EXISTS " + SchemaMapping.quote(tableName));
        handle.execute("DROP FUNCTION IF EXISTS " + SchemaMapping.quote(tableName + "_ins") + "()");
        handle.execute("DROP FUNCTION IF EXISTS " + SchemaMapping.quote(tableName + "_upd") + "()");
        handle.execute("DROP FUNCTION IF EXISTS " + SchemaMapping.quote(tableName + "_del") + "()");
    }

    private static String indexName(String tableName) {
        String name = tableName + "_pk_fold";
        return name.length() <= 63 ? name : name.substring(0, 50) + "_" + Integer.toHexString(name.hashCode());
    }

    private void createTriggers(Handle handle, String tableName, long sourceId, List<String> columns) {
        String table = SchemaMapping.quote(tableName);
        String replicas = tables.replicas();
        String changed = columns.isEmpty() ? "FALSE"
                : "ROW(" + columns.stream().map(c -> "o." + SchemaMapping.quote(c)).collect(Collectors.joining(", "))
                        + ") IS DISTINCT FROM ROW("
                        + columns.stream().map(c -> "n." + SchemaMapping.quote(c)).collect(Collectors.joining(", "))
                        + ")";
        String insertFunction = SchemaMapping.quote(tableName + "_ins");
        handle.execute("CREATE OR REPLACE FUNCTION " + insertFunction + "() RETURNS trigger LANGUAGE plpgsql AS $f$"
                + " BEGIN INSERT INTO " + replicas + " (id, finalclass, " + tables.replica("sync_source_id") + ", "
                + tables.replica("status") + ", " + tables.replica("status_last_seen") + ", "
                + tables.replica("status_dest_creator") + ", " + tables.replica("status_last_error") + ", "
                + tables.replica("status_last_warning") + ", " + tables.replica("dest_class") + ")"
                + " SELECT id, 'SynchroReplica', " + sourceId + ", 'new', statement_timestamp(), false, '', '', ''"
                + " FROM inserted_rows; RETURN NULL; END $f$");
        String updateFunction = SchemaMapping.quote(tableName + "_upd");
        String status = tables.replica("status");
        handle.execute("CREATE OR REPLACE FUNCTION " + updateFunction + "() RETURNS trigger LANGUAGE plpgsql"
                + NO_NESTED_LOOP + " AS $f$"
                + " BEGIN IF current_setting('" + REPLICAS_MAINTAINED + "', true) = 'on' THEN RETURN NULL; END IF;"
                + " UPDATE " + replicas + " r SET " + tables.replica("status_last_seen") + " = statement_timestamp(), "
                + status + " = CASE WHEN r." + status + " = 'obsolete' THEN (CASE WHEN r." + tables.replica("dest_id")
                + " IS NULL THEN 'new' ELSE 'modified' END)"
                + " WHEN r." + status + " = 'synchronized' AND " + changed + " THEN 'modified' ELSE r." + status + " END"
                + " FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE r.id = n.id; RETURN NULL; END $f$");
        String deleteFunction = SchemaMapping.quote(tableName + "_del");
        handle.execute("CREATE OR REPLACE FUNCTION " + deleteFunction + "() RETURNS trigger LANGUAGE plpgsql"
                + NO_NESTED_LOOP + " AS $f$"
                + " BEGIN DELETE FROM " + replicas + " r USING old_rows o WHERE r.id = o.id; RETURN NULL; END $f$");

        handle.execute("DROP TRIGGER IF EXISTS replica_ins ON " + table);
        handle.execute("DROP TRIGGER IF EXISTS replica_upd ON " + table);
        handle.execute("DROP TRIGGER IF EXISTS replica_del ON " + table);
        handle.execute("CREATE TRIGGER replica_ins AFTER INSERT ON " + table
                + " REFERENCING NEW TABLE AS inserted_rows FOR EACH STATEMENT EXECUTE FUNCTION " + insertFunction + "()");
        handle.execute("CREATE TRIGGER replica_upd AFTER UPDATE ON " + table
                + " REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "
                + updateFunction + "()");
        handle.execute("CREATE TRIGGER replica_del AFTER DELETE ON " + table
                + " REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION " + deleteFunction + "()");
    }
}
