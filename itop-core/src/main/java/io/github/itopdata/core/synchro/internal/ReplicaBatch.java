package io.github.itopdata.core.synchro.internal;

import io.github.itopdata.core.store.ChangeHistory;
import io.github.itopdata.core.store.ChangeSet;
import io.github.itopdata.core.store.ClassTable;
import io.github.itopdata.core.store.ColumnMapping;
import io.github.itopdata.core.store.SchemaMapping;
import io.github.itopdata.core.store.SqlType;
import io.github.itopdata.core.store.StoreException;
import io.github.itopdata.core.store.internal.CopyRowWriter;
import io.github.itopdata.core.store.internal.SqlText;
import io.github.itopdata.core.synchro.SynchroAttributeDef;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * The set-based steps of job 2 for one batch of replicas, on a temporary table ({@value #TABLE})
 * that contains one row per replica: its reconciliation keys, the values it writes (typed as the
 * object table's columns, with a flag per attribute telling whether the value is given or
 * ignored), and what the batch decided for it. Each step is one SQL statement whatever the
 * batch size: {@link #load}, {@link #reconcile}, {@link #decide}, {@link #insertNew},
 * {@link #updateMatched}.
 *
 * <p>The table lives in the run's session and survives commits; {@link #drop} removes it.
 */
final class ReplicaBatch {

    static final String TABLE = "synchro_batch";
    /** Memory for the joins and sorts of the set-based steps, as the import engine gives them. */
    private static final String WORK_MEMORY = "64MB";

    /** A value column: the attribute written, its column, and whether its update policy is {@code write_if_empty}. */
    record Column(SynchroAttributeDef attribute, ColumnMapping column, boolean writeIfEmpty) {
    }

    /** A replica's row: its keys (text, null when unused) and its values (null when the attribute is ignored). */
    record Row(long replicaId, boolean isNew, Long destId, List<String> keys, List<Object> values,
            List<Boolean> given) {
    }

    /** The reconciliation result of a new replica: its rank among rows with the same keys, its matches. */
    record Match(long replicaId, int rank, long count, Long firstId, String firstClass) {
    }

    private final Handle handle;
    private final ClassTable table;
    private final List<ColumnMapping> keyColumns;
    private final List<Column> columns;
    private final Map<String, Object> defaults;
    private boolean created;
    private long createdSinceAnalyze;
    private final long[] nanos = new long[STEPS.size()];
    private static final List<String> STEPS = List.of("loading", "reconciling", "creating", "updating");

    /**
     * @param keyColumns the reconciliation columns in key order; {@code id} for the primary key policy
     * @param defaults the model's default values of the class, by attribute code, as the store renders them
     */
    ReplicaBatch(Handle handle, ClassTable table, List<ColumnMapping> keyColumns, List<Column> columns,
            Map<String, Object> defaults) {
        this.handle = handle;
        this.table = table;
        this.keyColumns = List.copyOf(keyColumns);
        this.columns = List.copyOf(columns);
        this.defaults = defaults;
    }

    /** Returns the position of an attribute among the batch's value columns ({@code v<i>}), or -1. */
    int columnIndex(String attCode) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).attribute().attCode().equals(attCode)) {
                return i;
            }
        }
        return -1;
    }

    List<Column> columns() {
        return columns;
    }

    /** Returns the milliseconds spent in each step so far, for the run's log line. */
    String timings() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < STEPS.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(STEPS.get(i)).append(' ').append(nanos[i] / 1_000_000);
        }
        return text.toString();
    }

    private void count(int step, long start) {
        nanos[step] += System.nanoTime() - start;
    }

    /** Creates the table in this session unless it exists; call it outside the batch's savepoint. */
    void prepare() {
        if (!created) {
            create();
        }
    }

    /** Replaces the table's rows with the given ones. */
    void load(List<Row> rows) {
        long start = System.nanoTime();
        handle.execute("TRUNCATE " + TABLE);
        List<String> names = new ArrayList<>(List.of("rid", "is_new", "dest_id"));
        for (int i = 0; i < keyColumns.size(); i++) {
            names.add("k" + i);
        }
        for (int i = 0; i < columns.size(); i++) {
            names.add("v" + i);
            names.add("g" + i);
        }
        try (CopyRowWriter writer = CopyRowWriter.open(handle.getConnection(),
                "COPY " + TABLE + " (" + String.join(", ", names) + ") FROM STDIN")) {
            for (Row row : rows) {
                writer.field(Long.toString(row.replicaId()));
                writer.field(row.isNew() ? "t" : "f");
                writer.field(row.destId() == null ? null : row.destId().toString());
                for (String key : row.keys()) {
                    writer.field(key);
                }
                for (int i = 0; i < columns.size(); i++) {
                    writer.field(SqlText.render(row.values().get(i)));
                    writer.field(row.given().get(i) ? "t" : "f");
                }
                writer.endRow();
            }
            writer.finish();
        } catch (SQLException e) {
            throw new StoreException("Could not copy a batch of replicas into " + TABLE + ": " + e.getMessage(), e);
        }
        // No ANALYZE: the planner reads the table's size when it plans, which is all the joins need.
        if (handle.isInTransaction()) {
            handle.execute("SET LOCAL work_mem = '" + WORK_MEMORY + "'");
        }
        count(0, start);
    }

    private void create() {
        handle.execute("DROP TABLE IF EXISTS " + TABLE);
        StringBuilder ddl = new StringBuilder("CREATE TEMP TABLE " + TABLE
                + " (rid bigint PRIMARY KEY, is_new boolean NOT NULL, dest_id bigint");
        for (int i = 0; i < keyColumns.size(); i++) {
            ddl.append(", k").append(i).append(" text");
        }
        for (int i = 0; i < columns.size(); i++) {
            ddl.append(", v").append(i).append(' ').append(columns.get(i).column().ddlType())
                    .append(", g").append(i).append(" boolean NOT NULL, c").append(i).append(" boolean");
        }
        ddl.append(", action text, obj_id bigint, obj_class text, changed integer NOT NULL DEFAULT 0)");
        handle.execute(ddl.toString());
        created = true;
    }

    /**
     * Matches the new replicas' keys with the objects of the class (subclasses included): text
     * folded through {@code itop_fold}, other types exactly, {@code id} with the object id. Also
     * ranks the new replicas that have the same keys, by id, so that only the first is applied
     * with the batch.
     */
    List<Match> reconcile() {
        long start = System.nanoTime();
        List<String> conditions = new ArrayList<>();
        List<String> partition = new ArrayList<>();
        for (int i = 0; i < keyColumns.size(); i++) {
            ColumnMapping column = keyColumns.get(i);
            String key = "s.k" + i;
            if (column.attCode().equals("id")) {
                conditions.add("o.id = CAST(" + key + " AS bigint)");
                partition.add(key);
            } else if (column.isText()) {
                conditions.add("itop_fold(" + column.qualified("o") + ") = itop_fold(" + key + ")");
                partition.add("itop_fold(" + key + ")");
            } else {
                conditions.add(column.qualified("o") + " = CAST(" + key + " AS " + column.ddlType() + ")");
                partition.add("CAST(" + key + " AS " + column.ddlType() + ")");
            }
        }
        List<Match> matches = handle.createQuery("WITH ranked AS (SELECT s.rid, row_number() OVER (PARTITION BY "
                        + String.join(", ", partition) + " ORDER BY s.rid) AS rank FROM " + TABLE + " s WHERE s.is_new),"
                        + " matched AS (SELECT s.rid, count(*) AS n, min(o.id) AS first_id,"
                        + " (array_agg(o.finalclass ORDER BY o.id))[1] AS first_class"
                        + " FROM " + TABLE + " s JOIN " + table.quotedTableName() + " o ON "
                        + String.join(" AND ", conditions) + " AND " + table.classCondition("o")
                        + " WHERE s.is_new GROUP BY s.rid)"
                        + " SELECT r.rid, r.rank, coalesce(m.n, 0) AS n, m.first_id, m.first_class"
                        + " FROM ranked r LEFT JOIN matched m ON m.rid = r.rid")
                .map((rows, context) -> {
                    long first = rows.getLong("first_id");
                    Long firstId = rows.wasNull() ? null : first;
                    return new Match(rows.getLong("rid"), rows.getInt("rank"), rows.getLong("n"), firstId,
                            rows.getString("first_class"));
                })
                .list();
        count(1, start);
        return matches;
    }

    /** Returns the final class of the objects that the existing replicas point to, by replica id; absent if none. */
    Map<Long, String> existingObjects() {
        Map<Long, String> found = new HashMap<>();
        handle.createQuery("SELECT s.rid, o.finalclass FROM " + TABLE + " s JOIN " + table.quotedTableName()
                        + " o ON o.id = s.dest_id AND " + table.classCondition("o") + " WHERE NOT s.is_new")
                .map((rows, context) -> Map.entry(rows.getLong(1), rows.getString(2)))
                .forEach(entry -> found.put(entry.getKey(), entry.getValue()));
        return found;
    }

    /**
     * Stores what each replica of the batch does: {@code create}, {@code update} of an object,
     * or nothing (replicas absent from the lists are left to another path).
     */
    void decide(List<Long> replicaIds, List<String> actions, List<Long> objectIds, List<String> objectClasses) {
        handle.createUpdate("UPDATE " + TABLE + " s SET action = u.action, obj_id = u.obj_id, obj_class = u.obj_class"
                        + " FROM unnest(CAST(:ids AS bigint[]), CAST(:actions AS text[]), CAST(:objects AS bigint[]),"
                        + " CAST(:classes AS text[])) AS u(rid, action, obj_id, obj_class) WHERE s.rid = u.rid")
                .bind("ids", replicaIds.toArray(new Long[0]))
                .bind("actions", actions.toArray(new String[0]))
                .bind("objects", objectIds.toArray(new Long[0]))
                .bind("classes", objectClasses.toArray(new String[0]))
                .execute();
    }

    /**
     * Creates one object per row in {@code create}, with the given values and the model's
     * defaults for the others, and records one creation each, in replica order.
     *
     * @return the new object ids by replica id
     */
    Map<Long, Long> insertNew(ChangeSet change) {
        long start = System.nanoTime();
        List<String> targets = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (ColumnMapping column : table.writableColumns()) {
            String fallback = defaults.containsKey(column.attCode())
                    ? "CAST(" + SchemaMapping.literal(SqlText.render(defaults.get(column.attCode()))) + " AS "
                            + column.ddlType() + ")"
                    : null;
            int index = valueIndex(column.attCode());
            if (index >= 0) {
                targets.add(column.quotedName());
                sources.add("CASE WHEN s.g" + index + " THEN s.v" + index + " ELSE " + (fallback == null ? "NULL"
                        : fallback) + " END");
            } else if (fallback != null) {
                targets.add(column.quotedName());
                sources.add(fallback);
            }
        }
        String sequence = SchemaMapping.literal(SchemaMapping.quote(table.tableName() + "_id_seq"));
        String targetList = targets.isEmpty() ? "" : ", " + String.join(", ", targets);
        String sourceList = sources.isEmpty() ? "" : ", " + String.join(", ", sources);
        ChangeHistory.ensureRecorded(handle, change);
        Map<Long, Long> ids = new HashMap<>();
        handle.createQuery("WITH ids AS MATERIALIZED (SELECT rid, nextval(" + sequence + ") AS id FROM (SELECT rid FROM "
                        + TABLE + " WHERE action = 'create' ORDER BY rid) ordered),"
                        + " inserted AS (INSERT INTO " + table.quotedTableName() + " (id, finalclass" + targetList + ")"
                        + " SELECT ids.id, :class" + sourceList + " FROM " + TABLE + " s JOIN ids ON ids.rid = s.rid),"
                        + " logged AS (INSERT INTO itop_change_op (change_id, objclass, objkey, optype)"
                        + " SELECT :change, :class, id, 'create' FROM ids ORDER BY id)"
                        + " SELECT rid, id FROM ids")
                .bind("class", table.className())
                .bind("change", change.id())
                .map((rows, context) -> Map.entry(rows.getLong(1), rows.getLong(2)))
                .forEach(entry -> ids.put(entry.getKey(), entry.getValue()));
        refreshStatisticsAfter(ids.size());
        count(2, start);
        return ids;
    }

    /**
     * Writes the given values of the rows in {@code update} to their objects, except
     * {@code write_if_empty} values over a non-empty current value, and records one history
     * operation per changed attribute (old and new value as text). Objects without change are
     * not written.
     *
     * @return the number of changed attributes by replica id, for every row in {@code update}
     */
    Map<Long, Integer> updateMatched(ChangeSet change) {
        long start = System.nanoTime();
        try {
            return writeMatched(change);
        } finally {
            count(3, start);
        }
    }

    private Map<Long, Integer> writeMatched(ChangeSet change) {
        Map<Long, Integer> changes = new HashMap<>();
        if (columns.isEmpty()) {
            return changes;
        }
        List<String> flags = new ArrayList<>();
        List<String> count = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            String current = column.column().qualified("o");
            String written = "s.g" + i + (column.writeIfEmpty() ? " AND " + emptyCondition(column.column(), current) : "");
            flags.add("c" + i + " = (" + written + ") AND " + current + " IS DISTINCT FROM s.v" + i);
            count.add("CASE WHEN (" + written + ") AND " + current + " IS DISTINCT FROM s.v" + i + " THEN 1 ELSE 0 END");
        }
        handle.createUpdate("UPDATE " + TABLE + " s SET " + String.join(", ", flags) + ", changed = "
                        + String.join(" + ", count) + " FROM " + table.quotedTableName() + " o"
                        + " WHERE o.id = s.obj_id AND s.action = 'update'")
                .execute();
        handle.createQuery("SELECT rid, changed FROM " + TABLE + " WHERE action = 'update'")
                .map((rows, context) -> Map.entry(rows.getLong(1), rows.getInt(2)))
                .forEach(entry -> changes.put(entry.getKey(), entry.getValue()));
        if (changes.values().stream().noneMatch(n -> n > 0)) {
            return changes;
        }

        String operations = java.util.stream.IntStream.range(0, columns.size())
                .mapToObj(i -> "(" + i + ", " + SchemaMapping.literal(columns.get(i).attribute().attCode()) + ", s.c" + i
                        + ", " + columns.get(i).column().qualified("o") + "::text, s.v" + i + "::text)")
                .collect(Collectors.joining(", "));
        String assignments = java.util.stream.IntStream.range(0, columns.size())
                .mapToObj(i -> columns.get(i).column().quotedName() + " = CASE WHEN s.c" + i + " THEN s.v" + i
                        + " ELSE " + columns.get(i).column().qualified("o") + " END")
                .collect(Collectors.joining(", "));
        ChangeHistory.ensureRecorded(handle, change);
        // Both parts read the snapshot taken before the statement, so the history has the old values.
        handle.createUpdate("WITH logged AS (INSERT INTO itop_change_op (change_id, objclass, objkey, optype, attcode,"
                        + " oldvalue, newvalue)"
                        + " SELECT :change, o.finalclass, o.id, 'update', v.attcode, v.oldvalue, v.newvalue"
                        + " FROM " + TABLE + " s JOIN " + table.quotedTableName() + " o ON o.id = s.obj_id"
                        + " CROSS JOIN LATERAL (VALUES " + operations + ") AS v(position, attcode, changed, oldvalue,"
                        + " newvalue) WHERE s.action = 'update' AND s.changed > 0 AND v.changed"
                        + " ORDER BY s.rid, v.position)"
                        + " UPDATE " + table.quotedTableName() + " o SET " + assignments + " FROM " + TABLE + " s"
                        + " WHERE o.id = s.obj_id AND s.action = 'update' AND s.changed > 0")
                .bind("change", change.id())
                .execute();
        return changes;
    }

    /** Drops the table if this batch created it. */
    void drop() {
        if (created) {
            handle.execute("DROP TABLE IF EXISTS " + TABLE);
            created = false;
        }
    }

    private int valueIndex(String attCode) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).attribute().attCode().equals(attCode)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Returns the SQL test of an empty current value, as the per-replica path decides it: null,
     * the empty string, or a number whose integer part is 0.
     */
    private static String emptyCondition(ColumnMapping column, String current) {
        SqlType type = column.sqlType();
        if (type == SqlType.TEXT) {
            return "(" + current + " IS NULL OR " + current + " = '')";
        }
        if (type == SqlType.INTEGER || type == SqlType.BIGINT) {
            return "(" + current + " IS NULL OR " + current + " = 0)";
        }
        if (type == SqlType.NUMERIC) {
            return "(" + current + " IS NULL OR trunc(" + current + ") = 0)";
        }
        return "(" + current + " IS NULL)";
    }

    /**
     * Analyzes the object table when the run at least doubled it since the planner last counted
     * its rows, so that the next batches' joins are planned for its real size. A first load of n
     * objects analyzes about log2(n / 1000) times.
     */
    private void refreshStatisticsAfter(int inserted) {
        createdSinceAnalyze += inserted;
        if (createdSinceAnalyze < 1000) {
            return;
        }
        double counted = handle.createQuery("SELECT reltuples FROM pg_class WHERE oid = CAST(:table AS regclass)")
                .bind("table", table.quotedTableName())
                .mapTo(Double.class)
                .one();
        if (createdSinceAnalyze > Math.max(counted, 0)) {
            handle.execute("ANALYZE " + table.quotedTableName());
            createdSinceAnalyze = 0;
        }
    }
}
