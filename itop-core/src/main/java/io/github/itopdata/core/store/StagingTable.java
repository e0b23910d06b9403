package io.github.itopdata.core.store;

import io.github.itopdata.core.store.internal.CopyRowWriter;
import io.github.itopdata.core.store.internal.SqlText;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * A temporary table that contains converted input rows for one class, loaded by COPY, and the
 * set-based steps that apply them: {@link #match} on reconciliation keys, {@link #compare} with
 * the matched objects, {@link #insertNew} and {@link #updateChanged}, each one SQL statement or
 * two whatever the number of rows, history included.
 *
 * <p>Columns: {@code _row} (the caller's row number, unique within the table), one column per
 * staged attribute with the object table's name and type, the caller's extra columns, then the
 * bookkeeping columns {@code _action} (a {@link StagedAction} code, {@code create} at first),
 * {@code _match_count}, {@code _obj_id}, {@code _obj_class} and {@code _changed}. Callers may run
 * their own SQL on {@link #name()} between the steps, such as resolving external keys from an
 * extra column, or setting {@code _action = 'skipped'} on rows in error ({@link #skip}).
 *
 * <p>The table lives in the session of the handle that created it and survives commits, so a
 * caller may commit per chunk; {@link #close()} drops it.
 */
public final class StagingTable implements AutoCloseable {

    private static final AtomicLong COUNTER = new AtomicLong();
    /** Memory for each sort or hash of the set-based steps; an estimate that fits a million staged rows. */
    private static final String WORK_MEMORY = "64MB";

    private final Handle handle;
    private final ObjectStore store;
    private final ClassTable table;
    private final String name;
    private final List<ColumnMapping> columns;
    private final Map<String, String> extraColumns;

    private StagingTable(Handle handle, ObjectStore store, ClassTable table, String name, List<ColumnMapping> columns,
            Map<String, String> extraColumns) {
        this.handle = handle;
        this.store = store;
        this.table = table;
        this.name = name;
        this.columns = List.copyOf(columns);
        this.extraColumns = new LinkedHashMap<>(extraColumns);
    }

    static StagingTable create(Handle handle, ObjectStore store, ClassTable table, List<String> attCodes,
            Map<String, String> extraColumns) {
        List<ColumnMapping> columns = new ArrayList<>();
        for (String attCode : attCodes) {
            if (attCode.equals("id")) {
                columns.add(new ColumnMapping("id", "id", SqlType.BIGINT, "bigint", true));
                continue;
            }
            ColumnMapping column = table.requireColumn(attCode);
            if (column.system()) {
                throw new IllegalArgumentException("Attribute '" + attCode + "' of class " + table.className()
                        + " is written by the store itself and cannot be staged");
            }
            if (table.documentColumns(attCode).isPresent()) {
                throw new IllegalArgumentException("Attribute '" + attCode + "' of class " + table.className()
                        + " is a document, which spans four columns and cannot be staged: write it with"
                        + " ObjectStore.create or ObjectStore.update");
            }
            columns.add(column);
        }
        String name = "itop_stage_" + COUNTER.incrementAndGet();
        StringBuilder ddl = new StringBuilder("CREATE TEMPORARY TABLE ").append(name).append(" (_row bigint NOT NULL");
        for (ColumnMapping column : columns) {
            ddl.append(", ").append(column.quotedName()).append(' ').append(column.ddlType());
        }
        for (Map.Entry<String, String> extra : extraColumns.entrySet()) {
            if (extra.getKey().startsWith("_") || columns.stream().anyMatch(c -> c.columnName().equals(extra.getKey()))) {
                throw new IllegalArgumentException("Extra staging column '" + extra.getKey()
                        + "' clashes with a staged attribute or a bookkeeping column: choose another name");
            }
            ddl.append(", ").append(SchemaMapping.quote(extra.getKey())).append(' ').append(extra.getValue());
        }
        ddl.append(", _action text NOT NULL DEFAULT 'create', _match_count integer NOT NULL DEFAULT 0,"
                + " _obj_id bigint, _obj_class text, _changed integer NOT NULL DEFAULT 0)");
        handle.execute(ddl.toString());
        return new StagingTable(handle, store, table, name, columns, extraColumns);
    }

    /** Returns the temporary table's name. */
    public String name() {
        return name;
    }

    /** Returns how the staged class is stored. */
    public ClassTable classTable() {
        return table;
    }

    /** Returns the staged attribute columns, in the order {@link StagingWriter#row} takes them. */
    public List<ColumnMapping> columns() {
        return columns;
    }

    /**
     * Starts a COPY into the table. Each row gives its number, then one value per staged
     * attribute, then one per extra column, in declaration order.
     */
    public StagingWriter openWriter() {
        List<String> names = new ArrayList<>();
        names.add("_row");
        columns.forEach(column -> names.add(column.quotedName()));
        extraColumns.keySet().forEach(extra -> names.add(SchemaMapping.quote(extra)));
        try {
            CopyRowWriter writer = CopyRowWriter.open(handle.getConnection(),
                    "COPY " + name + " (" + String.join(", ", names) + ") FROM STDIN");
            return new StagingWriter(this, writer, names.size() - 1);
        } catch (SQLException e) {
            throw new StoreException("Could not start loading staging table " + name + ": " + e.getMessage(), e);
        }
    }

    /** Updates the planner statistics of the table; {@link StagingWriter#finish()} does it after each load. */
    void analyze() {
        handle.execute("ANALYZE " + name);
    }

    /** Marks rows as skipped (row errors found by the caller), so that no step writes them. */
    public int skip(Collection<Long> rowNumbers) {
        return handle.createUpdate("UPDATE " + name + " SET _action = 'skipped' WHERE _row = ANY(:rows)")
                .bind("rows", rowNumbers.toArray(new Long[0]))
                .execute();
    }

    /**
     * Matches rows still in {@code create} with the objects of the class (subclasses included):
     * text keys compare through {@code itop_fold} (case, accents and trailing spaces ignored, by
     * the fold indexes), other keys exactly, {@code id} with the object id. Rows with a null
     * key become {@code null key}, rows with one match {@code unchanged} (until {@link #compare}),
     * rows with several {@code ambiguous}; the others stay {@code create}.
     *
     * @return the number of rows that matched exactly one object
     */
    public int match(List<String> keyAttCodes) {
        if (keyAttCodes.isEmpty()) {
            throw new IllegalArgumentException("At least one reconciliation key is needed to match " + table.className());
        }
        List<String> nullChecks = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        for (String attCode : keyAttCodes) {
            ColumnMapping column = stagedColumn(attCode);
            nullChecks.add(column.qualified("s") + " IS NULL");
            if (attCode.equals("id")) {
                conditions.add("o.id = s.id");
            } else if (column.isText()) {
                conditions.add("itop_fold(" + column.qualified("o") + ") = itop_fold(" + column.qualified("s") + ")");
            } else {
                conditions.add(column.qualified("o") + " = " + column.qualified("s"));
            }
        }
        raiseWorkMemory();
        handle.execute("UPDATE " + name + " s SET _action = 'null key' WHERE _action = 'create' AND ("
                + String.join(" OR ", nullChecks) + ")");
        return handle.createUpdate("UPDATE " + name + " s SET _match_count = m.n, _obj_id = m.id, _obj_class = m.cls,"
                        + " _action = CASE WHEN m.n = 1 THEN 'unchanged' ELSE 'ambiguous' END"
                        + " FROM (SELECT s._row, count(*) AS n, min(o.id) AS id, min(o.finalclass) AS cls"
                        + " FROM " + name + " s JOIN " + table.quotedTableName() + " o ON "
                        + String.join(" AND ", conditions) + " AND " + table.classCondition("o")
                        + " WHERE s._action = 'create' GROUP BY s._row) m"
                        + " WHERE s._row = m._row")
                .execute() - ambiguousCount();
    }

    /**
     * Marks {@code repeated key} every row still in {@code create} whose key values equal those
     * of a row with a lower number (text folded as in {@link #match}). Call it before {@link
     * #match}, then stage the repeated rows again after applying this table, so that each finds
     * the object the earlier row created or changed, as row-by-row processing would.
     *
     * @return the number of rows marked
     */
    public int markRepeatedKeys(List<String> keyAttCodes) {
        List<String> partition = new ArrayList<>();
        List<String> notNull = new ArrayList<>();
        for (String attCode : keyAttCodes) {
            ColumnMapping column = stagedColumn(attCode);
            partition.add(column.isText() && !attCode.equals("id") ? "itop_fold(" + column.quotedName() + ")"
                    : column.quotedName());
            notNull.add(column.quotedName() + " IS NOT NULL");
        }
        raiseWorkMemory();
        return handle.createUpdate("UPDATE " + name + " s SET _action = 'repeated key'"
                        + " FROM (SELECT _row, row_number() OVER (PARTITION BY " + String.join(", ", partition)
                        + " ORDER BY _row) AS rank FROM " + name + " WHERE _action = 'create' AND "
                        + String.join(" AND ", notNull) + ") r"
                        + " WHERE r._row = s._row AND r.rank > 1")
                .execute();
    }

    /**
     * Compares the rows that matched one object with it, exactly (typed comparison, so an
     * integer 7 equals a staged 7 whatever its input text). Rows with differences become {@code
     * update} with their count in {@code _changed}; the others stay {@code unchanged}.
     *
     * @return the number of rows to update
     */
    public int compare() {
        List<ColumnMapping> written = writtenColumns();
        if (written.isEmpty()) {
            return 0;
        }
        String difference = written.stream()
                .map(c -> "(CASE WHEN " + c.qualified("o") + " IS DISTINCT FROM " + c.qualified("s") + " THEN 1 ELSE 0 END)")
                .collect(Collectors.joining(" + "));
        raiseWorkMemory();
        return handle.createUpdate("UPDATE " + name + " s SET _changed = " + difference + ", _action = 'update'"
                        + " FROM " + table.quotedTableName() + " o WHERE o.id = s._obj_id AND s._action = 'unchanged'"
                        + " AND " + difference + " > 0")
                .execute();
    }

    /**
     * Creates one object per row still in {@code create}, with the staged values and the model's
     * defaults for the other attributes, and records one creation per object; rows become
     * {@code created} with their new id.
     *
     * @return the number of objects created
     * @throws IllegalArgumentException if the class is abstract; skip such rows instead
     */
    public int insertNew(ChangeSet change) {
        if (table.modelClass().isAbstract()) {
            throw new IllegalArgumentException("Cannot create objects of the abstract class '" + table.className()
                    + "': skip the rows to create first");
        }

        List<String> targetColumns = new ArrayList<>();
        List<String> sourceValues = new ArrayList<>();
        for (ColumnMapping column : writtenColumns()) {
            targetColumns.add(column.quotedName());
            sourceValues.add(column.qualified("s"));
        }
        for (Map.Entry<String, Object> fallback : store.defaults(table).entrySet()) {
            ColumnMapping column = table.requireColumn(fallback.getKey());
            if (!targetColumns.contains(column.quotedName())) {
                targetColumns.add(column.quotedName());
                sourceValues.add("CAST(" + SchemaMapping.literal(SqlText.render(fallback.getValue())) + " AS "
                        + column.ddlType() + ")");
            }
        }

        ChangeHistory.ensureRecorded(handle, change);
        raiseWorkMemory();
        String sequence = SchemaMapping.literal(SchemaMapping.quote(table.tableName() + "_id_seq"));
        String columnList = targetColumns.isEmpty() ? "" : ", " + String.join(", ", targetColumns);
        String valueList = sourceValues.isEmpty() ? "" : ", " + String.join(", ", sourceValues);
        int created = handle.createUpdate("WITH ids AS MATERIALIZED (SELECT _row, nextval(" + sequence + ") AS id FROM " + name
                        + " WHERE _action = 'create'),"
                        + " inserted AS (INSERT INTO " + table.quotedTableName() + " (id, finalclass" + columnList + ")"
                        + " SELECT ids.id, :class" + valueList + " FROM " + name + " s JOIN ids ON ids._row = s._row),"
                        + " logged AS (INSERT INTO itop_change_op (change_id, objclass, objkey, optype)"
                        + " SELECT :change, :class, id, 'create' FROM ids)"
                        + " UPDATE " + name + " s SET _action = 'created', _obj_id = ids.id, _obj_class = :class"
                        + " FROM ids WHERE s._row = ids._row")
                .bind("class", table.className())
                .bind("change", change.id())
                .execute();

        refreshStatisticsAfter(created);
        return created;
    }

    /**
     * Analyzes the object table when a load grew it by a fifth or more since the planner last
     * counted its rows, because later joins on it (the next chunk's match) would otherwise be
     * planned for a near-empty table.
     */
    private void refreshStatisticsAfter(int created) {
        double counted = handle.createQuery("SELECT reltuples FROM pg_class WHERE oid = CAST(:table AS regclass)")
                .bind("table", table.quotedTableName())
                .mapTo(Double.class)
                .one();
        if (created >= 1000 && created > 0.2 * Math.max(counted, 0)) {
            handle.execute("ANALYZE " + table.quotedTableName());
        }
    }

    /**
     * Writes the staged values of the rows in {@code update} to their objects and records one
     * operation per changed attribute (old and new value as text); rows become {@code updated}.
     * Unchanged attributes of those rows are written again with their own value, without history.
     *
     * @return the number of objects updated
     */
    public int updateChanged(ChangeSet change) {
        List<ColumnMapping> written = writtenColumns();
        if (written.isEmpty()) {
            return 0;
        }
        String values = written.stream()
                .map(c -> "(" + SchemaMapping.literal(c.attCode()) + ", " + c.qualified("o") + " IS DISTINCT FROM "
                        + c.qualified("s") + ", " + c.qualified("o") + "::text, " + c.qualified("s") + "::text)")
                .collect(Collectors.joining(", "));
        String assignments = written.stream().map(c -> c.quotedName() + " = " + c.qualified("s"))
                .collect(Collectors.joining(", "));
        ChangeHistory.ensureRecorded(handle, change);
        raiseWorkMemory();
        // All parts of one statement read the same snapshot, so the history reads the values before the update.
        return handle.createUpdate("WITH logged AS (INSERT INTO itop_change_op (change_id, objclass, objkey, optype,"
                        + " attcode, oldvalue, newvalue)"
                        + " SELECT :change, o.finalclass, o.id, 'update', v.attcode, v.oldvalue, v.newvalue"
                        + " FROM " + name + " s JOIN " + table.quotedTableName() + " o ON o.id = s._obj_id"
                        + " CROSS JOIN LATERAL (VALUES " + values + ") AS v(attcode, changed, oldvalue, newvalue)"
                        + " WHERE s._action = 'update' AND v.changed),"
                        + " written AS (UPDATE " + table.quotedTableName() + " o SET " + assignments
                        + " FROM " + name + " s WHERE o.id = s._obj_id AND s._action = 'update')"
                        + " UPDATE " + name + " SET _action = 'updated' WHERE _action = 'update'")
                .bind("change", change.id())
                .execute();
    }

    /** Counts the rows by action. */
    public Map<StagedAction, Long> counts() {
        Map<StagedAction, Long> counts = new EnumMap<>(StagedAction.class);
        handle.createQuery("SELECT _action, count(*) FROM " + name + " GROUP BY _action")
                .map((rows, context) -> Map.entry(StagedAction.fromCode(rows.getString(1)), rows.getLong(2)))
                .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
        return counts;
    }

    /**
     * Streams the outcome of every row, in row-number order. Inside a transaction the rows are
     * fetched in batches; in auto-commit mode the driver reads them all at once.
     */
    public void forEachResult(Consumer<StagedRow> consumer) {
        handle.createQuery("SELECT _row, _action, _match_count, _obj_id, _obj_class, _changed FROM " + name
                        + " ORDER BY _row")
                .setFetchSize(10_000)
                .map((rows, context) -> {
                    long objectId = rows.getLong("_obj_id");
                    Optional<Long> id = rows.wasNull() ? Optional.empty() : Optional.of(objectId);
                    return new StagedRow(rows.getLong("_row"), StagedAction.fromCode(rows.getString("_action")),
                            rows.getInt("_match_count"), id, Optional.ofNullable(rows.getString("_obj_class")),
                            rows.getInt("_changed"));
                })
                .forEach(consumer);
    }

    /** Empties the table for the next chunk, keeping its definition. */
    public void truncate() {
        handle.execute("TRUNCATE " + name);
    }

    /** Drops the table. */
    @Override
    public void close() {
        handle.execute("DROP TABLE IF EXISTS " + name);
    }

    /**
     * Gives the joins, sorts and hash tables of the next statements more memory than the server
     * default of 4 MB, which makes them spill to disk from about 50,000 rows; inside a
     * transaction only ({@code SET LOCAL}), so the pooled connection keeps its settings.
     */
    private void raiseWorkMemory() {
        if (handle.isInTransaction()) {
            handle.execute("SET LOCAL work_mem = '" + WORK_MEMORY + "'");
        }
    }

    private int ambiguousCount() {
        return handle.createQuery("SELECT count(*) FROM " + name + " WHERE _action = 'ambiguous'")
                .mapTo(Integer.class).one();
    }

    private ColumnMapping stagedColumn(String attCode) {
        return columns.stream().filter(c -> c.attCode().equals(attCode)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Key '" + attCode + "' is not staged in " + name
                        + "; staged attributes: " + columns.stream().map(ColumnMapping::attCode).toList()));
    }

    private List<ColumnMapping> writtenColumns() {
        return columns.stream().filter(c -> !c.system()).toList();
    }
}
