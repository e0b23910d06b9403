package io.github.itopdata.core.imports.internal;

import io.github.itopdata.core.model.ModelClass;
import io.github.itopdata.core.model.UniquenessRule;
import io.github.itopdata.core.query.OqlCompiler;
import io.github.itopdata.core.query.OqlException;
import io.github.itopdata.core.query.SqlQuery;
import io.github.itopdata.core.store.ClassTable;
import io.github.itopdata.core.store.ColumnMapping;
import io.github.itopdata.core.store.SchemaMapping;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blocking uniqueness rules of a class, checked by the CSV import and by synchronization
 * runs before or after they write objects. Text values compare folded, other types exactly,
 * and a null value never clashes. A rule with an OQL filter only counts the other objects that
 * match the filter.
 */
public final class UniquenessGuard {

    private static final Logger LOG = LoggerFactory.getLogger(UniquenessGuard.class);

    /** A rule with its columns and, for a filtered rule, its filter as SQL on alias {@code t}. */
    private record Checked(UniquenessRule rule, List<ColumnMapping> columns, ClassTable ruleTable,
            Optional<SqlQuery> filter) {
    }

    private final ClassTable table;
    private final List<Checked> rules = new ArrayList<>();

    public UniquenessGuard(SchemaMapping mapping, ModelClass modelClass) {
        this.table = mapping.table(modelClass.name());
        for (UniquenessRule rule : modelClass.uniquenessRules()) {
            if (rule.disabled() || !rule.blocking()) {
                continue;
            }
            List<ColumnMapping> columns = new ArrayList<>();
            for (String code : rule.attributes()) {
                table.column(code).ifPresent(columns::add);
            }
            if (columns.size() != rule.attributes().size()) {
                continue;
            }
            Optional<SqlQuery> filter = Optional.empty();
            if (rule.filter().isPresent()) {
                try {
                    filter = Optional.of(new OqlCompiler(mapping.model()).toSqlCondition(mapping, rule.definingClass(),
                            rule.filter().get(), "t"));
                } catch (OqlException e) {
                    LOG.warn("Uniqueness rule '{}' of {} is not checked: its filter '{}' is not valid OQL: {}",
                            rule.id(), rule.definingClass(), rule.filter().get(), e.getMessage());
                    continue;
                }
            }
            rules.add(new Checked(rule, columns, mapping.table(rule.definingClass()), filter));
        }
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /**
     * Returns the filter of a checked rule as a condition on table alias {@code t}, or empty when
     * the rule has no filter or is not checked (its filter is not valid OQL).
     */
    public Optional<SqlQuery> filterOf(UniquenessRule rule) {
        return rules.stream().filter(checked -> checked.rule().id().equals(rule.id())).findFirst()
                .flatMap(Checked::filter);
    }

    /**
     * Returns the violation message when an object with these values (the object's full values
     * for the rules' attributes) would clash with another object, or empty when it would not.
     *
     * @param self the id of the object being updated, or null for a new object
     */
    public Optional<String> violation(Handle handle, Long self, Map<String, Object> values) throws SQLException {
        Connection connection = handle.getConnection();
        for (Checked checked : rules) {
            List<String> conditions = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            List<String> parts = new ArrayList<>();
            for (ColumnMapping column : checked.columns()) {
                Object value = values.get(column.attCode());
                if (value == null) {
                    conditions.clear();
                    break;
                }
                String text = SqlText.of(value);
                texts.add(text);
                parts.add(column.attCode() + "=" + text);
                conditions.add(column.isText() ? "itop_fold(t." + column.quotedName() + ") = itop_fold(?)"
                        : "t." + column.quotedName() + " = CAST(? AS " + column.ddlType() + ")");
            }
            if (conditions.isEmpty()) {
                continue;
            }
            String sql = "SELECT 1 FROM " + table.quotedTableName() + " t WHERE " + checked.ruleTable().classCondition("t")
                    + " AND t.id IS DISTINCT FROM ? AND " + String.join(" AND ", conditions)
                    + checked.filter().map(f -> " AND (" + f.sql() + ")").orElse("") + " LIMIT 1";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int parameter = 1;
                statement.setObject(parameter++, self, java.sql.Types.BIGINT);
                for (String text : texts) {
                    statement.setString(parameter++, text);
                }
                for (Object value : checked.filter().map(SqlQuery::parameters).orElse(List.of())) {
                    statement.setObject(parameter++, value);
                }
                try (ResultSet result = statement.executeQuery()) {
                    if (result.next()) {
                        return Optional.of("Uniqueness rule '" + checked.rule().id() + "' not respected by "
                                + String.join(", ", parts));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Tells whether an object that a batch decided to create or update would, with its new
     * values, clash with an object as stored before the batch. The batch is a table with one row
     * per object: {@code action} ({@code create} or {@code update}), {@code obj_id}, and for each
     * written attribute a value {@code v<i>} with a flag {@code g<i>} telling whether it is given. Replicas applied one at a time
     * see the objects as the earlier replicas left them, so a batch where this happens (such as
     * two objects swapping a unique value) must be applied one replica at a time.
     * NOTE: without an index on the rule's attributes, each rule costs a scan of the class's table.
     */
    public boolean anyClashBeforeWrite(Handle handle, String batchTable, ToIntFunction<String> columnIndex)
            throws SQLException {
        Connection connection = handle.getConnection();
        for (Checked checked : rules) {
            List<String> conditions = new ArrayList<>();
            for (ColumnMapping column : checked.columns()) {
                int index = columnIndex.applyAsInt(column.attCode());
                String stored = "o." + column.quotedName();
                String next = index < 0 ? stored : "CASE WHEN s.g" + index + " THEN s.v" + index + " ELSE " + stored + " END";
                conditions.add(column.isText() ? "itop_fold(t." + column.quotedName() + ") = itop_fold(" + next + ")"
                        : "t." + column.quotedName() + " = " + next);
            }
            String sql = "SELECT 1 FROM " + batchTable + " s LEFT JOIN " + table.quotedTableName()
                    + " o ON o.id = s.obj_id AND s.action = 'update' JOIN " + table.quotedTableName() + " t ON "
                    + checked.ruleTable().classCondition("t") + " AND t.id IS DISTINCT FROM s.obj_id AND "
                    + String.join(" AND ", conditions)
                    + checked.filter().map(f -> " AND (" + f.sql() + ")").orElse("")
                    + " WHERE s.action IN ('create', 'update') LIMIT 1";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int parameter = 1;
                for (Object value : checked.filter().map(SqlQuery::parameters).orElse(List.of())) {
                    statement.setObject(parameter++, value);
                }
                try (ResultSet result = statement.executeQuery()) {
                    if (result.next()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Returns a rule under which an object among {@code written} clashes with another object, or
     * empty when none does.
     *
     * @param filteredOnly true to check only the rules that have an OQL filter
     */
    public Optional<UniquenessRule> anyClash(Handle handle, Collection<Long> written, boolean filteredOnly)
            throws SQLException {
        if (written.isEmpty()) {
            return Optional.empty();
        }
        Connection connection = handle.getConnection();
        for (Checked checked : rules) {
            if (filteredOnly && checked.filter().isEmpty()) {
                continue;
            }
            List<String> conditions = new ArrayList<>();
            for (ColumnMapping column : checked.columns()) {
                String name = column.quotedName();
                conditions.add(column.isText() ? "itop_fold(a." + name + ") = itop_fold(t." + name + ")"
                        : "a." + name + " = t." + name);
            }
            String sql = "SELECT 1 FROM " + table.quotedTableName() + " a JOIN " + table.quotedTableName()
                    + " t ON t.id <> a.id AND " + String.join(" AND ", conditions) + " WHERE a.id = ANY (?) AND "
                    + checked.ruleTable().classCondition("a") + " AND " + checked.ruleTable().classCondition("t")
                    + checked.filter().map(f -> " AND (" + f.sql() + ")").orElse("") + " LIMIT 1";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setArray(1, connection.createArrayOf("bigint", written.toArray()));
                int parameter = 2;
                for (Object value : checked.filter().map(SqlQuery::parameters).orElse(List.of())) {
                    statement.setObject(parameter++, value);
                }
                try (ResultSet result = statement.executeQuery()) {
                    if (result.next()) {
                        return Optional.of(checked.rule());
                    }
                }
            }
        }
        return Optional.empty();
    }
}
