package io.github.itopdata.core.imports.internal;

import io.github.itopdata.core.auth.internal.PasswordHasher;
import io.github.itopdata.core.imports.internal.RowWork.KeyOutcome;
import io.github.itopdata.core.model.AttributeDef;
import io.github.itopdata.core.model.AttributeType;
import io.github.itopdata.core.model.Model;
import io.github.itopdata.core.model.ModelClass;
import io.github.itopdata.core.model.UniquenessRule;
import io.github.itopdata.core.query.SqlQuery;
import io.github.itopdata.core.store.ChangeHistory;
import io.github.itopdata.core.store.ChangeSet;
import io.github.itopdata.core.store.ClassTable;
import io.github.itopdata.core.store.ColumnMapping;
import io.github.itopdata.core.store.SchemaMapping;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Computes the values a row writes and writes a round of rows set-based: COPY for new objects,
 * COPY into a staging table then one UPDATE for changed objects, COPY for history operations.
 */
final class ObjectWriter {

    private static final String STAGE_TABLE = "itop_import_stage";
    private static final DateTimeFormatter ENTRY_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** One row's write: a creation, or an update with its changes (attribute code to old and new value). */
    record Action(RowWork row, boolean create, String finalClass, long id, Map<String, Object> values,
            Map<String, Object[]> changes) {
    }

    private final Model model;
    private final SchemaMapping mapping;
    private final ModelClass modelClass;
    private final ClassTable table;
    private final HeaderMapping header;
    private final Map<String, ColumnMapping> comparedColumns = new LinkedHashMap<>();
    private final Map<String, Integer> columnOrder = new HashMap<>();
    private final Map<String, Object> defaults = new LinkedHashMap<>();
    private final List<String> missingMandatoryKeys = new ArrayList<>();
    private final UniquenessGuard uniqueness;
    private final PasswordHasher passwordHasher = new PasswordHasher();
    /** Compared attribute codes in header order, as change lists and diffs show them. */
    private final List<String> codesInHeaderOrder;
    private final Map<String, AttributeDef> comparedAttributes = new HashMap<>();
    /** Mandatory attributes, other than external keys, that the header does not set. */
    private final List<AttributeDef> mandatoryOutsideHeader = new ArrayList<>();
    private LinkSets linkSets;
    private String caseLogAuthor = "";
    private LocalDateTime caseLogDate = LocalDateTime.now();

    ObjectWriter(Model model, SchemaMapping mapping, ModelClass modelClass, HeaderMapping header,
            ValueConverter converter) {
        this.model = model;
        this.mapping = mapping;
        this.modelClass = modelClass;
        this.table = mapping.table(modelClass.name());
        this.uniqueness = new UniquenessGuard(mapping, modelClass);
        this.header = header;
        for (Map.Entry<String, Integer> entry : header.attributeColumns().entrySet()) {
            Optional<ColumnMapping> column = table.column(entry.getKey());
            if (column.isPresent() && !column.get().system() && !isIgnored(entry.getKey())) {
                comparedColumns.put(entry.getKey(), column.get());
                columnOrder.put(entry.getKey(), entry.getValue());
            }
        }
        for (Map.Entry<String, Map<String, Integer>> entry : header.externalKeyColumns().entrySet()) {
            table.column(entry.getKey()).ifPresent(column -> {
                comparedColumns.putIfAbsent(entry.getKey(), column);
                int first = entry.getValue().values().stream().min(Integer::compare).orElse(Integer.MAX_VALUE);
                columnOrder.merge(entry.getKey(), first, Math::min);
            });
        }
        codesInHeaderOrder = new ArrayList<>(comparedColumns.keySet());
        codesInHeaderOrder.sort((a, b) -> Integer.compare(columnOrder.getOrDefault(a, 0),
                columnOrder.getOrDefault(b, 0)));
        for (String code : comparedColumns.keySet()) {
            comparedAttributes.put(code, modelClass.attribute(code).orElseThrow());
        }
        for (ColumnMapping column : table.writableColumns()) {
            AttributeDef attribute = modelClass.attribute(column.attCode()).orElseThrow();
            if (!attribute.isNullable() && !attribute.type().isExternalKey()
                    && !comparedColumns.containsKey(column.attCode())) {
                mandatoryOutsideHeader.add(attribute);
            }
        }
        ValueConverter codes = new ValueConverter(false, "");
        for (ColumnMapping column : table.writableColumns()) {
            AttributeDef attribute = modelClass.attribute(column.attCode()).orElseThrow();
            if (comparedColumns.containsKey(column.attCode())) {
                continue;
            }
            if (attribute.type().isExternalKey() && !attribute.isNullable()) {
                missingMandatoryKeys.add(attribute.label());
                continue;
            }
            attribute.defaultValue().filter(text -> !text.isEmpty()).ifPresent(text -> {
                CellConversion conversion = codes.convertValue(attribute, text);
                if (conversion.isValid() && conversion.value() != null) {
                    defaults.put(column.attCode(), conversion.value());
                }
            });
        }
    }

    private boolean isIgnored(String code) {
        AttributeType type = modelClass.attribute(code).map(AttributeDef::type).orElse(AttributeType.FRIENDLY_NAME);
        return type == AttributeType.FRIENDLY_NAME || type == AttributeType.FINAL_CLASS || type.isLinkedSet()
                || modelClass.attribute(code).map(AttributeDef::isReadOnly).orElse(true);
    }

    /** Returns the columns a row is compared with and writes, by attribute code, in header order. */
    Map<String, ColumnMapping> comparedColumns() {
        return comparedColumns;
    }

    /** Sets the link sets written with each row. */
    void linkSets(LinkSets value) {
        this.linkSets = value;
    }

    /** Sets who appends case-log entries and when. */
    void caseLogEntries(String author, LocalDateTime date) {
        this.caseLogAuthor = author;
        this.caseLogDate = date;
    }

    /** Returns the labels of the mandatory external keys that have no column in the header. */
    List<String> missingMandatoryKeys() {
        return missingMandatoryKeys;
    }

    /** Returns every value a new object gets: the row's cells and the defaults of the other attributes. */
    Map<String, Object> newObjectValues(RowWork row) {
        Map<String, Object> values = new LinkedHashMap<>((defaults.size() + comparedColumns.size()) * 2);
        values.putAll(defaults);
        for (String code : comparedColumns.keySet()) {
            values.put(code, newValue(row, code, null));
        }
        return values;
    }

    /** Returns the new value of every compared column of a row that updates an object. */
    Map<String, Object> updatedValues(RowWork row) {
        Map<String, Object> values = new LinkedHashMap<>(comparedColumns.size() * 2);
        for (String code : comparedColumns.keySet()) {
            values.put(code, newValue(row, code, row.current.get(code)));
        }
        return values;
    }

    private Object newValue(RowWork row, String code, Object current) {
        return newValue(row, row.keys.get(code), row.values.get(code), comparedAttributes.get(code), current);
    }

    private Object newValue(RowWork row, KeyOutcome key, CellConversion conversion, AttributeDef attribute,
            Object current) {
        if (key != null) {
            return key.id();
        }
        Object value = conversion == null ? null : conversion.value();
        if (value instanceof String clear && !clear.isEmpty() && attribute.type() == AttributeType.ONE_WAY_PASSWORD) {
            // The stored value is a salted hash: a cell that verifies against it leaves it unchanged.
            if (current instanceof String stored && stored.startsWith("$") && passwordHasher.matches(clear, stored)) {
                return current;
            }
            return row.passwordHashes.computeIfAbsent(attribute.code(), c -> passwordHasher.hash(clear));
        }
        if (attribute.type() == AttributeType.CASE_LOG) {
            if (value == null) {
                return current;
            }
            String entry = "========== " + caseLogDate.format(ENTRY_DATE) + " : " + caseLogAuthor + " ============\n\n"
                    + value + "\n";
            return current == null ? entry : entry + current;
        }
        return value;
    }

    /** Returns the problems of a new object that only the whole object shows: mandatory attributes left empty. */
    List<String> missingMandatoryValues(Map<String, Object> values) {
        List<String> problems = new ArrayList<>();
        for (AttributeDef attribute : mandatoryOutsideHeader) {
            Object value = values.get(attribute.code());
            if (value == null || value instanceof String text && text.isEmpty()) {
                problems.add("Unexpected value for attribute '" + attribute.label() + "' (" + attribute.code()
                        + ") : Null not allowed");
            }
        }
        return problems;
    }

    /** Returns the attributes a matched row changes, in header order, each with its old and new value. */
    Map<String, Object[]> changes(RowWork row) {
        Map<String, Object[]> changes = new LinkedHashMap<>();
        for (String code : codesInHeaderOrder) {
            KeyOutcome key = row.keys.get(code);
            CellConversion conversion = row.values.get(code);
            if (key != null && key.isError() || conversion != null && !conversion.isValid()) {
                continue;
            }
            AttributeDef attribute = comparedAttributes.get(code);
            Object old = row.current.get(code);
            Object value = newValue(row, key, conversion, attribute, old);
            if (!same(attribute, old, value)) {
                changes.put(code, new Object[] {old, attribute.type() == AttributeType.CASE_LOG
                        ? conversion.value() : value});
            }
        }
        return changes;
    }

    static boolean same(AttributeDef attribute, Object old, Object value) {
        if (attribute.type().isStringLike()) {
            return Objects.equals(old == null ? "" : old, value == null ? "" : value);
        }
        if (old instanceof BigDecimal a && value instanceof BigDecimal b) {
            return a.compareTo(b) == 0;
        }
        return Objects.equals(old, value);
    }

    /** Creates the staging table of updates for this session. */
    void prepareSession(Handle handle) {
        StringBuilder ddl = new StringBuilder("CREATE TEMP TABLE IF NOT EXISTS " + STAGE_TABLE + " (id bigint");
        for (ColumnMapping column : comparedColumns.values()) {
            ddl.append(", ").append(column.quotedName()).append(' ').append(column.ddlType());
        }
        handle.execute("DROP TABLE IF EXISTS " + STAGE_TABLE);
        handle.execute(ddl.append(')').toString());
    }

    /** Drops the staging table, so that the pooled connection goes back clean. */
    void endSession(Handle handle) {
        handle.execute("DROP TABLE IF EXISTS " + STAGE_TABLE);
    }

    /**
     * A write that breaks a uniqueness rule with an OQL filter, found after the write: the round
     * is rolled back and written again one row at a time, so that only the later row fails.
     */
    static final class FilteredRuleViolation extends RuntimeException {
        private final transient UniquenessRule rule;

        FilteredRuleViolation(UniquenessRule rule) {
            super("Uniqueness rule '" + rule.id() + "' not respected");
            this.rule = rule;
        }

        UniquenessRule rule() {
            return rule;
        }
    }


    /**
     * Marks the actions that would break a blocking uniqueness rule of the class as issues: a
     * clash with a stored object, or with an earlier row of the round (the later row is in error,
     * as it would be if the rows were written one by one). A rule with an OQL filter only counts
     * stored objects that match the filter, as iTop does.
     */
    void checkUniqueness(Handle handle, List<Action> actions) throws SQLException {
        if (actions.isEmpty()) {
            return;
        }
        for (UniquenessRule rule : modelClass.uniquenessRules()) {
            if (rule.disabled() || !rule.blocking()) {
                continue;
            }
            Optional<SqlQuery> filter = rule.filter().isPresent() ? uniqueness.filterOf(rule) : Optional.empty();
            if (rule.filter().isPresent() && filter.isEmpty()) {
                continue;
            }
            List<ColumnMapping> columns = new ArrayList<>();
            for (String code : rule.attributes()) {
                Optional<ColumnMapping> column = table.column(code);
                if (column.isEmpty()) {
                    break;
                }
                columns.add(column.get());
            }
            if (columns.size() != rule.attributes().size()) {
                continue;
            }
            checkRule(handle.getConnection(), rule, columns, actions, filter);
            if (filter.isEmpty()) {
                checkRuleWithinRound(handle.getConnection(), rule, columns, actions);
            }
        }
    }

    private void checkRule(Connection connection, UniquenessRule rule, List<ColumnMapping> columns,
            List<Action> actions, Optional<SqlQuery> filter) throws SQLException {
        ClassTable ruleTable = mapping.table(rule.definingClass());
        StringBuilder unnest = new StringBuilder();
        StringBuilder names = new StringBuilder();
        List<String> conditions = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            ColumnMapping column = columns.get(i);
            unnest.append("?::text[], ?::boolean[], ");
            names.append("v").append(i).append(", p").append(i).append(", ");
            String value = "CASE WHEN k.p" + i + " THEN k.v" + i + " ELSE (SELECT s." + column.quotedName()
                    + "::text FROM " + table.quotedTableName() + " s WHERE s.id = k.self) END";
            conditions.add(column.isText() ? "itop_fold(t." + column.quotedName() + ") = itop_fold(" + value + ")"
                    : "t." + column.quotedName() + " = (" + value + ")::" + column.ddlType());
        }
        String sql = "SELECT DISTINCT k.i FROM unnest(" + unnest + "?::bigint[]) WITH ORDINALITY AS k(" + names
                + "self, i) JOIN " + table.quotedTableName() + " t ON " + ruleTable.classCondition("t")
                + " AND t.id IS DISTINCT FROM k.self AND " + String.join(" AND ", conditions)
                + filter.map(f -> " AND (" + f.sql() + ")").orElse("");
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int parameter = 1;
            for (ColumnMapping column : columns) {
                String[] values = new String[actions.size()];
                Boolean[] provided = new Boolean[actions.size()];
                for (int r = 0; r < actions.size(); r++) {
                    Map<String, Object> rowValues = actions.get(r).values();
                    provided[r] = actions.get(r).create() || rowValues.containsKey(column.attCode());
                    values[r] = SqlText.of(rowValues.get(column.attCode()));
                }
                statement.setArray(parameter++, connection.createArrayOf("text", values));
                statement.setArray(parameter++, connection.createArrayOf("boolean", provided));
            }
            Long[] selves = new Long[actions.size()];
            for (int r = 0; r < actions.size(); r++) {
                selves[r] = actions.get(r).create() ? null : actions.get(r).id();
            }
            statement.setArray(parameter++, connection.createArrayOf("bigint", selves));
            if (filter.isPresent()) {
                for (Object value : filter.get().parameters()) {
                    statement.setObject(parameter++, value);
                }
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    markViolation(rule, actions.get((int) result.getLong(1) - 1));
                }
            }
        }
    }

    /** Marks the later of two actions of a round whose folded rule values are equal. */
    private void checkRuleWithinRound(Connection connection, UniquenessRule rule, List<ColumnMapping> columns,
            List<Action> actions) throws SQLException {
        List<String> folded = new ArrayList<>();
        StringBuilder unnest = new StringBuilder();
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            unnest.append(i == 0 ? "" : ", ").append("?::text[]");
            names.append("v").append(i).append(", ");
            folded.add(columns.get(i).isText() ? "itop_fold(k.v" + i + ")" : "k.v" + i);
        }
        String sql = "SELECT k.i, " + String.join(" || '_|_' || ", folded) + " FROM unnest(" + unnest
                + ") WITH ORDINALITY AS k(" + names + "i) ORDER BY k.i";
        Map<String, Action> first = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int c = 0; c < columns.size(); c++) {
                String[] values = new String[actions.size()];
                for (int r = 0; r < actions.size(); r++) {
                    values[r] = SqlText.of(ruleValue(actions.get(r), columns.get(c).attCode()));
                }
                statement.setArray(c + 1, connection.createArrayOf("text", values));
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    String key = result.getString(2);
                    Action action = actions.get((int) result.getLong(1) - 1);
                    if (key == null || action.row().outcome.kind == RowOutcome.Kind.ISSUE) {
                        continue;
                    }
                    if (first.putIfAbsent(key, action) != null) {
                        markViolation(rule, action);
                    }
                }
            }
        }
    }

    private static Object ruleValue(Action action, String code) {
        if (action.values().containsKey(code)) {
            return action.values().get(code);
        }
        return action.row().current == null ? null : action.row().current.get(code);
    }

    /** Marks an action as breaking a rule: a row issue that names the rule and the row's values. */
    static void markViolation(UniquenessRule rule, Action action) {
        List<String> parts = new ArrayList<>();
        for (String code : rule.attributes()) {
            Object value = ruleValue(action, code);
            parts.add(code + "=" + (value == null ? "" : SqlText.of(value)));
        }
        RowOutcome outcome = action.row().outcome;
        outcome.kind = RowOutcome.Kind.ISSUE;
        outcome.status = "Issue: Could not be " + (action.create() ? "created" : "updated")
                + ": Uniqueness rule '" + rule.id() + "' not respected by " + String.join(", ", parts);
        outcome.diffLines.clear();
        if (action.create()) {
            outcome.objectClass = "n/a";
            outcome.objectId = "n/a";
        }
    }

    /** Writes the actions and their history under the change set, in the caller's transaction. */
    void write(Handle handle, List<Action> actions, ChangeSet changeSet, boolean simulate) throws SQLException {
        Connection connection = handle.getConnection();
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        ChangeHistory.ensureRecorded(handle, changeSet);
        List<Action> creates = actions.stream().filter(Action::create).toList();
        List<Action> updates = actions.stream().filter(a -> !a.create()).toList();
        StringBuilder history = new StringBuilder();
        try {
            if (!creates.isEmpty()) {
                writeCreates(connection, copy, creates, changeSet, simulate, history);
            }
            if (!updates.isEmpty()) {
                writeUpdates(connection, copy, updates, changeSet, history);
            }
            if (linkSets != null && !linkSets.isEmpty()) {
                for (Action action : actions) {
                    linkSets.write(connection, action.row(), action.create() ? action.row().writtenId : action.id(),
                            changeSet);
                }
            }
            if (history.length() > 0) {
                copy.copyIn("COPY " + ChangeHistory.OPERATION_TABLE
                        + " (change_id, objclass, objkey, optype, attcode, oldvalue, newvalue) FROM STDIN",
                        new StringReader(history.toString()));
            }
        } catch (java.io.IOException e) {
            throw new SQLException("COPY failed: " + e.getMessage(), "58030", e);
        }
        verifyFilteredRules(handle, actions);
    }

    /**
     * Checks the objects just written against the uniqueness rules that have an OQL filter.
     * Before writing, a row is only compared with stored objects that match the filter. Two rows
     * of one round can only be compared once written, because the filter may read any value.
     *
     * @throws FilteredRuleViolation when an object written now clashes with another that matches
     *     the filter
     */
    private void verifyFilteredRules(Handle handle, List<Action> actions) throws SQLException {
        List<Long> ids = new ArrayList<>(actions.size());
        for (Action action : actions) {
            ids.add(action.create() ? action.row().writtenId : action.id());
        }
        Optional<UniquenessRule> broken = uniqueness.anyClash(handle, ids, true);
        if (broken.isPresent()) {
            throw new FilteredRuleViolation(broken.get());
        }
    }

    private void writeCreates(Connection connection, CopyManager copy, List<Action> creates, ChangeSet changeSet,
            boolean simulate, StringBuilder history) throws SQLException, java.io.IOException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT nextval(?::regclass) FROM generate_series(1, ?)")) {
            statement.setString(1, SchemaMapping.quote(table.tableName() + "_id_seq"));
            statement.setInt(2, creates.size());
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    ids.add(result.getLong(1));
                }
            }
        }
        // New objects get the same attributes (the header's and the defaults), so most rows add nothing here.
        Set<String> codes = new LinkedHashSet<>();
        for (Action action : creates) {
            if (action.values().size() != codes.size()) {
                codes.addAll(action.values().keySet());
            }
        }
        List<ColumnMapping> columns = codes.stream().map(table::requireColumn).toList();
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < creates.size(); i++) {
            Action action = creates.get(i);
            long id = ids.get(i);
            data.append(id).append('\t');
            SqlText.appendCopyValue(data, action.finalClass());
            for (String code : codes) {
                data.append('\t');
                SqlText.appendCopyValue(data, action.values().get(code));
            }
            data.append('\n');
            appendHistory(history, changeSet, action.finalClass(), id, "create", null, null, null);
            action.row().outcome.objectId = simulate ? "0" : Long.toString(id);
            action.row().writtenId = id;
        }
        StringBuilder sql = new StringBuilder("COPY ").append(table.quotedTableName()).append(" (id, finalclass");
        columns.forEach(column -> sql.append(", ").append(column.quotedName()));
        copy.copyIn(sql.append(") FROM STDIN").toString(), new StringReader(data.toString()));
    }

    private void writeUpdates(Connection connection, CopyManager copy, List<Action> updates, ChangeSet changeSet,
            StringBuilder history) throws SQLException, java.io.IOException {
        ImportRun.execute(connection, "TRUNCATE " + STAGE_TABLE);
        List<String> codes = new ArrayList<>(comparedColumns.keySet());
        StringBuilder data = new StringBuilder();
        for (Action action : updates) {
            data.append(action.id());
            for (String code : codes) {
                data.append('\t');
                SqlText.appendCopyValue(data, action.values().get(code));
            }
            data.append('\n');
            for (Map.Entry<String, Object[]> change : action.changes().entrySet()) {
                if (!comparedColumns.containsKey(change.getKey())) {
                    continue;
                }
                appendHistory(history, changeSet, action.finalClass(), action.id(), "update", change.getKey(),
                        change.getValue()[0], action.values().get(change.getKey()));
            }
        }
        StringBuilder columns = new StringBuilder("id");
        List<String> assignments = new ArrayList<>();
        for (String code : codes) {
            ColumnMapping column = comparedColumns.get(code);
            columns.append(", ").append(column.quotedName());
            assignments.add(column.quotedName() + " = s." + column.quotedName());
        }
        copy.copyIn("COPY " + STAGE_TABLE + " (" + columns + ") FROM STDIN", new StringReader(data.toString()));
        ImportRun.execute(connection, "UPDATE " + table.quotedTableName() + " t SET " + String.join(", ", assignments)
                + " FROM " + STAGE_TABLE + " s WHERE t.id = s.id");
    }

    private static void appendHistory(StringBuilder history, ChangeSet changeSet, String objectClass, long id,
            String type, String attCode, Object oldValue, Object newValue) {
        history.append(changeSet.id()).append('\t');
        SqlText.appendCopyValue(history, objectClass);
        history.append('\t').append(id).append('\t').append(type).append('\t');
        SqlText.appendCopyValue(history, attCode);
        history.append('\t');
        SqlText.appendCopyValue(history, oldValue);
        history.append('\t');
        SqlText.appendCopyValue(history, newValue);
        history.append('\n');
    }

    Model model() {
        return model;
    }

    HeaderMapping header() {
        return header;
    }
}
