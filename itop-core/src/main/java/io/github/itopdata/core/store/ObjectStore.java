package io.github.itopdata.core.store;

import io.github.itopdata.core.model.AttributeDef;
import io.github.itopdata.core.store.internal.SqlText;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.Update;

/**
 * Reads and writes objects one at a time, recording history, and opens staging tables for bulk
 * writes ({@link #stage}).
 *
 * <p>Every method works in the caller's {@link Handle}, so the caller decides the transaction:
 * the object, its history and the change set's row commit together. Values are given by
 * attribute code as {@code String} (in PostgreSQL's input form), {@code Number}, {@code
 * Boolean}, {@code LocalDate} or {@code LocalDateTime}; PostgreSQL converts them to the column
 * type and rejects values that do not fit. A key that points to no object is null. Blobs and
 * images take a {@link Document}, or null for none. The history records their file names.
 */
public final class ObjectStore {

    private final SchemaMapping mapping;
    private final DeletionPlanner deletionPlanner;

    public ObjectStore(SchemaMapping mapping) {
        this.mapping = mapping;
        this.deletionPlanner = new DeletionPlanner(mapping);
    }

    /** Returns the mapping the store writes through. */
    public SchemaMapping mapping() {
        return mapping;
    }

    /**
     * Creates an object of a class and records its creation. Attributes not given take the
     * model's default value, or null.
     *
     * @return the new object's id
     * @throws IllegalArgumentException if the class is abstract or an attribute is not stored
     */
    public long create(Handle handle, ChangeSet change, String className, Map<String, ?> values) {
        ClassTable table = mapping.table(className);
        if (table.modelClass().isAbstract()) {
            throw new IllegalArgumentException("Cannot create an object of the abstract class '" + className + "'");
        }
        Map<String, Object> row = new LinkedHashMap<>(defaults(table));
        row.putAll(values);
        List<String> columns = new ArrayList<>();
        List<String> casts = new ArrayList<>();
        List<Written> writes = new ArrayList<>();
        for (Map.Entry<String, Object> entry : row.entrySet()) {
            Written write = Written.of(table, entry.getKey(), entry.getValue());
            int index = writes.size();
            writes.add(write);
            for (int part = 0; part < write.columns().size(); part++) {
                columns.add(write.columns().get(part).quotedName());
                casts.add(write.newValue(index, part));
            }
        }
        ChangeHistory.ensureRecorded(handle, change);
        String sql = "WITH created AS (INSERT INTO " + table.quotedTableName() + " (finalclass"
                + (columns.isEmpty() ? "" : ", " + String.join(", ", columns)) + ") VALUES (:class"
                + (casts.isEmpty() ? "" : ", " + String.join(", ", casts)) + ") RETURNING id, finalclass),"
                + " logged AS (INSERT INTO itop_change_op (change_id, objclass, objkey, optype)"
                + " SELECT :change, finalclass, id, 'create' FROM created)"
                + " SELECT id FROM created";
        Query query = handle.createQuery(sql).bind("class", className).bind("change", change.id());
        bindWrites(query, writes);
        return query.mapTo(Long.class).one();
    }

    /** Reads an object of a class or of one of its subclasses by id; empty if there is none. */
    public Optional<StoredObject> read(Handle handle, String className, long id) {
        ClassTable table = mapping.table(className);
        return handle.createQuery("SELECT * FROM " + table.quotedTableName() + " o WHERE o.id = :id AND "
                        + table.classCondition("o"))
                .bind("id", id)
                .map((rows, context) -> readObject(rows))
                .findOne();
    }

    /**
     * Finds the objects of a class (subclasses included) whose attributes equal the given values,
     * as reconciliation does: text compares folded (case, accents and trailing spaces ignored),
     * other types exactly, and a null value matches null. The key {@code id} compares with the
     * object id. Results are ordered by id.
     */
    public List<StoredObject> findByKey(Handle handle, String className, Map<String, ?> keys) {
        ClassTable table = mapping.table(className);
        StringBuilder sql = new StringBuilder("SELECT * FROM " + table.quotedTableName() + " o WHERE "
                + table.classCondition("o"));
        int index = 0;
        for (Map.Entry<String, ?> key : keys.entrySet()) {
            String parameter = ":v" + index++;
            if (key.getKey().equals("id")) {
                sql.append(" AND o.id = CAST(").append(parameter).append(" AS bigint)");
                continue;
            }
            ColumnMapping column = table.requireColumn(key.getKey());
            if (table.documentColumns(key.getKey()).isPresent()) {
                throw new IllegalArgumentException("Attribute '" + key.getKey() + "' of class " + className
                        + " is a document, which cannot be a search key");
            }
            if (key.getValue() == null) {
                sql.append(" AND ").append(column.qualified("o")).append(" IS NULL");
            } else if (column.isText()) {
                sql.append(" AND itop_fold(").append(column.qualified("o")).append(") = itop_fold(CAST(")
                        .append(parameter).append(" AS text))");
            } else {
                sql.append(" AND ").append(column.qualified("o")).append(" = CAST(").append(parameter).append(" AS ")
                        .append(column.ddlType()).append(")");
            }
        }
        Query query = handle.createQuery(sql.append(" ORDER BY o.id").toString());
        bindValues(query, keys.values());
        return query.map((rows, context) -> readObject(rows)).list();
    }

    /**
     * Writes the given attributes of an object and records one history operation per attribute
     * whose value changed (exact comparison: {@code 007} equals 7 for an integer, {@code 12.5}
     * equals {@code 12.50} for a decimal, text compares byte for byte).
     *
     * @return the number of attributes that changed; 0 means nothing was written
     * @throws StoreException if the object does not exist
     */
    public int update(Handle handle, ChangeSet change, String className, long id, Map<String, ?> values) {
        ClassTable table = mapping.table(className);
        if (values.isEmpty()) {
            return 0;
        }
        List<Written> writes = new ArrayList<>();
        StringBuilder select = new StringBuilder("SELECT o.finalclass");
        for (Map.Entry<String, ?> entry : values.entrySet()) {
            Written write = Written.of(table, entry.getKey(), entry.getValue());
            int index = writes.size();
            writes.add(write);
            select.append(", ").append(write.difference("o", index)).append(", ").append(write.oldText("o"))
                    .append(", ").append(write.newText(index));
        }
        select.append(" FROM ").append(table.quotedTableName()).append(" o WHERE o.id = :id AND ")
                .append(table.classCondition("o")).append(" FOR UPDATE");
        Query query = handle.createQuery(select.toString()).bind("id", id);
        bindWrites(query, writes);
        List<String[]> changes = new ArrayList<>();
        String finalClass = query.map((rows, context) -> {
            for (int i = 0; i < writes.size(); i++) {
                if (rows.getBoolean(2 + 3 * i)) {
                    changes.add(new String[] {writes.get(i).attCode(), rows.getString(3 + 3 * i),
                        rows.getString(4 + 3 * i), Integer.toString(i)});
                }
            }
            return rows.getString(1);
        }).findOne().orElseThrow(() -> new StoreException("Cannot update " + className + "::" + id
                + ": no such object"));
        if (changes.isEmpty()) {
            return 0;
        }

        ChangeHistory.ensureRecorded(handle, change);
        List<String> assignments = new ArrayList<>();
        List<Written> changedWrites = new ArrayList<>();
        List<Integer> changedPositions = new ArrayList<>();
        List<String> operationRows = new ArrayList<>();
        Map<String, String> operationValues = new LinkedHashMap<>();
        for (String[] changed : changes) {
            int position = Integer.parseInt(changed[3]);
            Written write = writes.get(position);
            assignments.addAll(write.assignments(position));
            changedWrites.add(write);
            changedPositions.add(position);
            operationRows.add("(:change, :class, :id, 'update', :a" + position + ", :o" + position + ", :n" + position + ")");
            operationValues.put("a" + position, changed[0]);
            operationValues.put("o" + position, changed[1]);
            operationValues.put("n" + position, changed[2]);
        }
        Update operations = handle.createUpdate("INSERT INTO itop_change_op (change_id, objclass, objkey, optype,"
                        + " attcode, oldvalue, newvalue) VALUES " + String.join(", ", operationRows))
                .bind("change", change.id()).bind("class", finalClass).bind("id", id);
        operationValues.forEach(operations::bind);
        operations.execute();
        Update update = handle.createUpdate("UPDATE " + table.quotedTableName() + " SET "
                + String.join(", ", assignments) + " WHERE id = :id").bind("id", id);
        for (int i = 0; i < changedWrites.size(); i++) {
            changedWrites.get(i).bind(update, changedPositions.get(i));
        }
        update.execute();
        return changes.size();
    }

    /**
     * Writes the same attribute values to many objects of a class (subclasses included) by id,
     * and records the history that {@link #update} records for each: one operation per changed
     * attribute. Objects without change are not written. Ids of other classes or of no object are
     * ignored.
     *
     * @return the number of changed attributes by id, for every id that is an object of the class
     */
    public Map<Long, Integer> updateAll(Handle handle, ChangeSet change, String className, Collection<Long> ids,
            Map<String, ?> values) {
        ClassTable table = mapping.table(className);
        Map<Long, Integer> changes = new LinkedHashMap<>();
        List<Written> writes = new ArrayList<>();
        for (Map.Entry<String, ?> entry : values.entrySet()) {
            writes.add(Written.of(table, entry.getKey(), entry.getValue()));
        }
        List<String> differences = new ArrayList<>();
        List<String> assignments = new ArrayList<>();
        List<String> operations = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) {
            Written write = writes.get(i);
            String difference = write.difference("o", i);
            differences.add(difference);
            assignments.addAll(write.assignments(i));
            operations.add("(" + i + ", " + SchemaMapping.literal(write.attCode()) + ", " + difference + ", "
                    + write.oldText("o") + ", " + write.newText(i) + ")");
        }
        String counted = differences.isEmpty() ? "0" : differences.stream()
                .map(d -> "CASE WHEN " + d + " THEN 1 ELSE 0 END").collect(java.util.stream.Collectors.joining(" + "));
        String selected = " FROM " + table.quotedTableName() + " o WHERE o.id = ANY(:ids) AND " + table.classCondition("o");
        Long[] idArray = ids.toArray(new Long[0]);
        Query query = handle.createQuery("SELECT o.id, " + counted + selected + " ORDER BY o.id FOR UPDATE")
                .bind("ids", idArray);
        bindWrites(query, writes);
        query.map((rows, context) -> Map.entry(rows.getLong(1), rows.getInt(2)))
                .forEach(entry -> changes.put(entry.getKey(), entry.getValue()));
        if (changes.values().stream().noneMatch(n -> n > 0)) {
            return changes;
        }

        ChangeHistory.ensureRecorded(handle, change);
        // Both parts read the snapshot taken before the statement, so the history has the old values.
        Update update = handle.createUpdate("WITH logged AS (INSERT INTO itop_change_op (change_id, objclass, objkey,"
                        + " optype, attcode, oldvalue, newvalue)"
                        + " SELECT :change, o.finalclass, o.id, 'update', v.attcode, v.oldvalue, v.newvalue"
                        + " FROM " + table.quotedTableName() + " o CROSS JOIN LATERAL (VALUES " + String.join(", ", operations)
                        + ") AS v(position, attcode, changed, oldvalue, newvalue)"
                        + " WHERE o.id = ANY(:ids) AND " + table.classCondition("o") + " AND v.changed"
                        + " ORDER BY o.id, v.position)"
                        + " UPDATE " + table.quotedTableName() + " o SET " + String.join(", ", assignments)
                        + " WHERE o.id = ANY(:ids) AND " + table.classCondition("o") + " AND ("
                        + String.join(" OR ", differences) + ")")
                .bind("change", change.id())
                .bind("ids", idArray);
        bindWrites(update, writes);
        update.execute();
        return changes;
    }

    /**
     * Deletes an object under the deletion rules of the data model, as {@link #deleteAll} does.
     *
     * @return false if there was no such object
     * @throws DeletionRejectedException if a mandatory key declared {@code DEL_MANUAL} still
     *                                    points to the object or to an object deleted with it
     */
    public boolean delete(Handle handle, ChangeSet change, String className, long id) {
        return deleteAll(handle, change, className, List.of(id)) == 1;
    }

    /**
     * Deletes objects of a class (subclasses included) by id under the deletion rules of the data
     * model ({@link DeletionPlan}): objects whose mandatory {@code DEL_AUTO} or {@code DEL_SILENT}
     * keys point to them are deleted too, and nullable keys that point to them are reset to null.
     * The history records one deletion per deleted object and one update per reset key. Ids of
     * other classes or of no object are ignored.
     *
     * <p>The work is set-based: each depth of the plan costs one query per key that can point to
     * it, and the writes one statement per table and depth.
     *
     * @return the number of the given objects deleted, without the ones the rules added
     * @throws DeletionRejectedException if a mandatory key declared {@code DEL_MANUAL} points to
     *                                    an object to delete; nothing is written then
     */
    public int deleteAll(Handle handle, ChangeSet change, String className, Collection<Long> ids) {
        DeletionPlan plan = planDeletion(handle, className, ids);
        execute(handle, change, plan);
        return plan.requestedCount();
    }

    /**
     * Deletes those of the given objects whose deletion the rules allow, as {@link #deleteAll}
     * does, and keeps the others. A requested object is kept when a blocking reference points to
     * it or to an object that its deletion would delete. Each round plans the remaining objects
     * and drops the ones its blockers lead back to, until a plan is allowed. So a batch with a
     * few blocked objects costs a few plans, not one plan per object.
     *
     * @return the reasons, one per line, for each kept object by id; empty when all were deleted
     */
    public Map<Long, String> deleteAllowed(Handle handle, ChangeSet change, String className, Collection<Long> ids) {
        return deleteAllowed(handle, change, className, ids, plan -> { });
    }

    /**
     * Deletes what the rules allow, as {@link #deleteAllowed(Handle, ChangeSet, String, Collection)}
     * does, and gives the plan carried out to {@code executed}, so that the caller can act on every
     * object deleted, those deleted with the requested ones included.
     */
    public Map<Long, String> deleteAllowed(Handle handle, ChangeSet change, String className, Collection<Long> ids,
            java.util.function.Consumer<DeletionPlan> executed) {
        Set<Long> remaining = new LinkedHashSet<>(ids);
        Map<Long, List<DeletionPlan.Blocker>> rejected = new LinkedHashMap<>();
        while (true) {
            DeletionPlan plan = planDeletion(handle, className, remaining);
            if (plan.isAllowed()) {
                execute(handle, change, plan);
                executed.accept(plan);
                break;
            }
            for (DeletionPlan.Blocker blocker : plan.blockers()) {
                rejected.computeIfAbsent(blocker.requestedId(), id -> new ArrayList<>()).add(blocker);
            }
            remaining.removeAll(rejected.keySet());
        }
        Map<Long, String> reasons = new LinkedHashMap<>();
        rejected.forEach((id, blockers) -> reasons.put(id, DeletionPlan.reasons(blockers)));
        return reasons;
    }

    /**
     * Computes what {@link #deleteAll} would do, without writing anything: the objects deleted
     * with the given ones, the keys reset, and the references that would reject the deletion.
     * The rows to delete or reset stay locked until the transaction ends.
     */
    public DeletionPlan planDeletion(Handle handle, String className, Collection<Long> ids) {
        return deletionPlanner.plan(handle, mapping.table(className), ids);
    }

    /**
     * Carries out a plan from {@link #planDeletion}, computed in the same transaction so that
     * its rows are still locked: resets its keys, then deletes its objects, recording both.
     *
     * <p>The replicas of synchronized objects that the plan deletes stay: the store does not know
     * the data sources. The synchronization, the one caller that deletes objects, deletes them
     * with their data rows from {@link DeletionPlan#deletions()}.
     *
     * @throws DeletionRejectedException if the plan has blockers; nothing is written then
     */
    public void execute(Handle handle, ChangeSet change, DeletionPlan plan) {
        if (!plan.isAllowed()) {
            throw new DeletionRejectedException(plan);
        }
        if (plan.deletions().isEmpty()) {
            return;
        }
        ChangeHistory.ensureRecorded(handle, change);
        resetKeys(handle, change, plan.resets());
        deleteObjects(handle, change, plan.deletions());
    }

    /**
     * Writes the planned keys' new values (null, or the ancestor a key moves up to), one
     * statement per column, and records each as an update.
     */
    private void resetKeys(Handle handle, ChangeSet change, List<DeletionPlan.KeyReset> resets) {
        // Keyed by table and column: equal column mappings of two hierarchies are distinct columns.
        Map<String, ResetGroup> groups = new LinkedHashMap<>();
        for (DeletionPlan.KeyReset reset : resets) {
            ClassTable table = mapping.table(reset.className());
            ColumnMapping column = table.requireColumn(reset.attCode());
            ResetGroup group = groups.computeIfAbsent(table.tableName() + "." + column.columnName(),
                    k -> new ResetGroup(table.quotedTableName(), column, new ArrayList<>(), new ArrayList<>()));
            group.ids().add(reset.id());
            group.values().add(reset.newValue());
        }
        for (ResetGroup group : groups.values()) {
            String key = group.column().qualified("o");
            String changed = key + " IS DISTINCT FROM v.value";
            handle.createUpdate("WITH v AS (SELECT * FROM unnest(CAST(:ids AS bigint[]), CAST(:values AS bigint[]))"
                            + " AS v(id, value)),"
                            + " logged AS (INSERT INTO itop_change_op (change_id, objclass, objkey, optype, attcode,"
                            + " oldvalue, newvalue)"
                            + " SELECT :change, o.finalclass, o.id, 'update', :attCode, " + key + "::text, v.value::text"
                            + " FROM " + group.table() + " o JOIN v ON v.id = o.id WHERE " + changed + " ORDER BY o.id)"
                            + " UPDATE " + group.table() + " o SET " + group.column().quotedName() + " = v.value"
                            + " FROM v WHERE o.id = v.id AND " + changed)
                    .bind("change", change.id())
                    .bind("attCode", group.column().attCode())
                    .bind("ids", group.ids().toArray(new Long[0]))
                    .bind("values", group.values().toArray(new Long[0]))
                    .execute();
        }
    }

    /** The keys of one column to write: the quoted table name, the objects' ids and the new values. */
    private record ResetGroup(String table, ColumnMapping column, List<Long> ids, List<Long> values) {
    }

    /**
     * Deletes the planned objects, one statement per depth and table, deepest first, so that the
     * history lists the dependent objects before the ones they depended on.
     */
    private void deleteObjects(Handle handle, ChangeSet change, List<DeletionPlan.Deletion> deletions) {
        Map<Integer, Map<String, List<Long>>> byDepth = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
        for (DeletionPlan.Deletion deletion : deletions) {
            String tableName = mapping.table(deletion.className()).quotedTableName();
            byDepth.computeIfAbsent(deletion.depth(), d -> new LinkedHashMap<>())
                    .computeIfAbsent(tableName, t -> new ArrayList<>()).add(deletion.id());
        }
        for (Map<String, List<Long>> tables : byDepth.values()) {
            for (Map.Entry<String, List<Long>> table : tables.entrySet()) {
                handle.createUpdate("WITH gone AS (DELETE FROM " + table.getKey() + " o WHERE o.id = ANY(:ids)"
                                + " RETURNING o.id, o.finalclass)"
                                + " INSERT INTO itop_change_op (change_id, objclass, objkey, optype)"
                                + " SELECT :change, finalclass, id, 'delete' FROM gone ORDER BY id")
                        .bind("ids", table.getValue().toArray(new Long[0]))
                        .bind("change", change.id())
                        .execute();
            }
        }
    }

    /**
     * Creates a staging table for bulk writes to a class: one column per given attribute code
     * (same name and type as in the object table; {@code id} is accepted as a key), plus the
     * extra columns the caller needs for its own set-based steps (name to SQL type, such as
     * {@code org_name -> text} to resolve an external key by name).
     */
    public StagingTable stage(Handle handle, String className, List<String> attCodes, Map<String, String> extraColumns) {
        return StagingTable.create(handle, this, mapping.table(className), attCodes, extraColumns);
    }

    /**
     * Returns the values that {@link #create} gives to the attributes of a class that it is not
     * given, by attribute code, for engines that create objects with their own set-based SQL.
     */
    public Map<String, Object> defaultValues(String className) {
        return defaults(mapping.table(className));
    }

    /**
     * Returns the model's default values of a class's stored attributes, by code, as text. An
     * empty default of a non-text attribute means none, and a key's default {@code 0} means no
     * object, which the store writes as null.
     */
    Map<String, Object> defaults(ClassTable table) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        for (ColumnMapping column : table.writableColumns()) {
            AttributeDef attribute = table.modelClass().attribute(column.attCode()).orElseThrow();
            Optional<String> value = attribute.defaultValue();
            boolean none = value.isEmpty()
                    || table.documentColumns(column.attCode()).isPresent()
                    || !column.isText() && value.get().isBlank()
                    || attribute.type().isExternalKey() && value.get().strip().equals("0");
            if (!none) {
                defaults.put(column.attCode(), value.get());
            }
        }
        return defaults;
    }

    private static ColumnMapping writableColumn(ClassTable table, String attCode) {
        ColumnMapping column = table.requireColumn(attCode);
        if (column.system()) {
            throw new IllegalArgumentException("Attribute '" + attCode + "' of class " + table.className()
                    + " is written by the store itself");
        }
        return column;
    }

    private static void bindWrites(SqlStatement<?> statement, List<Written> writes) {
        for (int i = 0; i < writes.size(); i++) {
            writes.get(i).bind(statement, i);
        }
    }

    private static void bindValues(SqlStatement<?> statement, Collection<?> values) {
        int index = 0;
        for (Object value : values) {
            statement.bind("v" + index++, SqlText.render(value));
        }
    }

    private StoredObject readObject(ResultSet rows) throws SQLException {
        String finalClass = rows.getString("finalclass");
        ClassTable table = mapping.table(finalClass);
        Map<String, Object> values = new LinkedHashMap<>();
        for (ColumnMapping column : table.writableColumns()) {
            Optional<DocumentColumns> document = table.documentColumns(column.attCode());
            values.put(column.attCode(), document.isPresent() ? readDocument(rows, document.get())
                    : readValue(rows, column));
        }
        return new StoredObject(rows.getLong("id"), finalClass, values);
    }

    /**
     * Reads a document, or returns null when its contents column is null. The other columns are
     * null in rows written before they existed, and read as empty.
     */
    private static Document readDocument(ResultSet rows, DocumentColumns columns) throws SQLException {
        byte[] data = rows.getBytes(columns.data().columnName());
        if (data == null) {
            return null;
        }
        String mimeType = rows.getString(columns.mimeType().columnName());
        String fileName = rows.getString(columns.fileName().columnName());
        int downloadsCount = rows.getInt(columns.downloadsCount().columnName());
        return new Document(data, mimeType == null ? "" : mimeType, fileName == null ? "" : fileName, downloadsCount);
    }

    static Object readValue(ResultSet rows, ColumnMapping column) throws SQLException {
        String name = column.columnName();
        return switch (column.sqlType()) {
            case DATE -> rows.getObject(name, LocalDate.class);
            case TIMESTAMP -> rows.getObject(name, LocalDateTime.class);
            case BYTEA -> rows.getBytes(name);
            default -> rows.getObject(name);
        };
    }

    /**
     * The columns an attribute's value goes to, with the value of each: one column for most
     * attributes, four for a document. Statements name the values {@code :v<i>} for attribute
     * {@code i}, or {@code :v<i>_<part>} for the parts of a document.
     */
    private record Written(String attCode, List<ColumnMapping> columns, List<Object> values) {

        static Written of(ClassTable table, String attCode, Object value) {
            ColumnMapping column = writableColumn(table, attCode);
            Optional<DocumentColumns> document = table.documentColumns(attCode);
            if (document.isEmpty()) {
                if (value instanceof Document) {
                    throw new IllegalArgumentException("Attribute '" + attCode + "' of class " + table.className()
                            + " is not a blob or an image, so it cannot take the document " + value);
                }
                return new Written(attCode, List.of(column), Arrays.asList(value));
            }
            if (value == null) {
                return new Written(attCode, document.get().all(), Arrays.asList(null, null, null, null));
            }
            if (!(value instanceof Document file)) {
                throw new IllegalArgumentException("Attribute '" + attCode + "' of class " + table.className()
                        + " is a document: give it a Document value, not a " + value.getClass().getSimpleName());
            }
            return new Written(attCode, document.get().all(),
                    List.of(file.data(), file.mimeType(), file.fileName(), file.downloadsCount()));
        }

        String parameter(int index, int part) {
            return columns.size() == 1 ? "v" + index : "v" + index + "_" + part;
        }

        String newValue(int index, int part) {
            return "CAST(:" + parameter(index, part) + " AS " + columns.get(part).ddlType() + ")";
        }

        /** Returns the SQL condition that is true when the stored value differs from the new one. */
        String difference(String alias, int index) {
            if (columns.size() == 1) {
                return columns.get(0).qualified(alias) + " IS DISTINCT FROM " + newValue(index, 0);
            }
            List<String> stored = new ArrayList<>();
            List<String> written = new ArrayList<>();
            for (int part = 0; part < columns.size(); part++) {
                stored.add(columns.get(part).qualified(alias));
                written.add(newValue(index, part));
            }
            return "ROW(" + String.join(", ", stored) + ") IS DISTINCT FROM ROW(" + String.join(", ", written) + ")";
        }

        /** Returns the part whose text the history records: the file name of a document, never its contents. */
        private int historyPart() {
            return columns.size() == 1 ? 0 : 2;
        }

        String oldText(String alias) {
            return columns.get(historyPart()).qualified(alias) + "::text";
        }

        String newText(int index) {
            return newValue(index, historyPart()) + "::text";
        }

        List<String> assignments(int index) {
            List<String> assignments = new ArrayList<>();
            for (int part = 0; part < columns.size(); part++) {
                assignments.add(columns.get(part).quotedName() + " = " + newValue(index, part));
            }
            return assignments;
        }

        void bind(SqlStatement<?> statement, int index) {
            for (int part = 0; part < columns.size(); part++) {
                statement.bind(parameter(index, part), SqlText.render(values.get(part)));
            }
        }
    }
}
