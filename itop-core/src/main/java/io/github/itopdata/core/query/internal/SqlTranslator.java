package io.github.itopdata.core.query.internal;

import io.github.itopdata.core.model.ModelClass;
import io.github.itopdata.core.query.BuiltInParameters;
import io.github.itopdata.core.query.CheckedQuery;
import io.github.itopdata.core.query.FieldPath;
import io.github.itopdata.core.query.FieldRef;
import io.github.itopdata.core.query.OqlCompiler;
import io.github.itopdata.core.query.OqlException;
import io.github.itopdata.core.query.OqlExpression;
import io.github.itopdata.core.query.OqlQuery;
import io.github.itopdata.core.query.SqlQuery;
import io.github.itopdata.core.query.internal.Sql.Kind;
import io.github.itopdata.core.store.ClassTable;
import io.github.itopdata.core.store.SchemaMapping;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Translates a checked query into one parameterized PostgreSQL statement.
 *
 * <p>Every value written in the query (strings, numbers, parameters) becomes a bound parameter;
 * the SQL text only contains identifiers from the schema mapping, class names from the model
 * (as literals with doubled quotes) and fixed keywords. Each SELECT branch computes the ids of
 * its selected aliases (DISTINCT, branches joined by UNION); the outer statement joins the
 * result back to the object tables to read the requested fields and orders the rows.
 */
public final class SqlTranslator {

    private final SchemaMapping mapping;
    private final OqlCompiler compiler;
    private final Map<String, String> arguments;
    private final boolean hideObsolete;
    private final AliasNames names = new AliasNames();
    private final Map<CheckedSelect, Map<String, String>> sqlAliases = new IdentityHashMap<>();
    private final ValueReader reader;
    private final String text;
    private Checker.Result current;

    private SqlTranslator(SchemaMapping mapping, OqlCompiler compiler, CheckedQuery query, Map<String, String> arguments,
                          boolean hideObsolete) {
        this.mapping = mapping;
        this.compiler = compiler;
        this.arguments = arguments;
        this.hideObsolete = hideObsolete;
        this.text = query.text();
        this.current = query.checked();
        this.reader = new ValueReader(mapping, names, this::obsolescenceCondition);
    }

    /**
     * Translates {@code query}.
     *
     * @param arguments    parameter values by name without colon, built-in ones included
     *                     ({@code current_contact_id}, {@code current_user->login}...)
     * @param hideObsolete true to leave out obsolete objects of every alias
     * @param fields       the values to read per row
     * @throws OqlException of kind PARAMETER when a parameter has no value
     */
    public static SqlQuery translate(SchemaMapping mapping, OqlCompiler compiler, CheckedQuery query,
                                     Map<String, String> arguments, boolean hideObsolete, List<FieldPath> fields) {
        for (String parameter : query.parameters()) {
            if (!arguments.containsKey(parameter) && !BuiltInParameters.isBuiltIn(parameter)) {
                String name = parameter.contains("->") ? parameter.substring(0, parameter.indexOf("->")) : parameter;
                throw new OqlException(OqlException.Kind.PARAMETER, "Missing parameter '--arg_" + name + "'",
                        parameter, -1, query.text());
            }
        }
        SqlTranslator translator = new SqlTranslator(mapping, compiler, query, arguments, hideObsolete);
        return DeepStack.run(query.text(), () -> translator.statement(query, fields));
    }

    /**
     * Translates the condition of {@code SELECT <className> WHERE <where>} into a boolean SQL
     * expression on the table of the class under alias {@code alias}, for callers that filter
     * rows of their own statements. The result has no columns: {@code aliasCount} is 0.
     *
     * @throws OqlException when the condition is not valid OQL for the class
     */
    public static SqlQuery condition(SchemaMapping mapping, OqlCompiler compiler, String className, String where,
                                     String alias) {
        CheckedQuery query = compiler.compile("SELECT `" + className + "` WHERE " + where);
        SqlTranslator translator = new SqlTranslator(mapping, compiler, query, Map.of(), false);
        return DeepStack.run(query.text(), () -> {
            CheckedSelect select = translator.current.union().branches().get(0);
            translator.sqlAliases.put(select, Map.of(select.fromAlias(), alias));
            Sql sql = translator.condition(translator.expression(select.syntax().where()));
            return new SqlQuery(sql.text(), sql.parameters(), 0);
        });
    }

    private SqlQuery statement(CheckedQuery query, List<FieldPath> fields) {
        CheckedUnion union = current.union();
        if (union.branches().size() == 1 && union.branches().get(0).joins().isEmpty()) {
            return singleClass(union.branches().get(0), fields);
        }
        int aliasCount = union.resultAliases().size();
        Sql ids = union(union, true);
        List<String> objectAliases = new ArrayList<>();
        List<Object> select = new ArrayList<>();
        List<String> objectJoins = new ArrayList<>();
        for (int i = 0; i < aliasCount; i++) {
            String objectAlias = "o" + i;
            objectAliases.add(objectAlias);
            ClassTable table = mapping.table(union.resultClasses().get(i).name());
            objectJoins.add("LEFT JOIN " + table.quotedTableName() + " " + objectAlias + " ON " + objectAlias + ".id = q.k" + i);
            select.add((i == 0 ? "" : ", ") + "q.k" + i + ", " + objectAlias + ".finalclass");
        }
        for (FieldPath field : fields) {
            select.add(", ");
            select.add(fieldValue(field, objectAliases.get(field.aliasIndex())));
        }
        Sql order = reader.friendlyName(union.resultClasses().get(0), objectAliases.get(0));
        StringBuilder orderBy = new StringBuilder();
        for (int i = 0; i < aliasCount; i++) {
            orderBy.append(", q.k").append(i);
        }
        List<Object> parts = new ArrayList<>();
        parts.add("SELECT ");
        parts.addAll(select);
        parts.add(" FROM (");
        parts.add(ids);
        parts.add(") q ");
        parts.add(String.join(" ", objectJoins));
        for (String join : reader.joins()) {
            parts.add(" " + join);
        }
        parts.add(" ORDER BY lower(");
        parts.add(order);
        parts.add(")" + orderBy);
        Sql statement = Sql.join(Kind.TEXT, parts.toArray());
        return new SqlQuery(statement.text(), statement.parameters(), aliasCount);
    }

    /**
     * Reads a query on one class without joins straight from its table: its ids are unique, so
     * neither DISTINCT nor a second pass over the table is needed.
     */
    private SqlQuery singleClass(CheckedSelect select, List<FieldPath> fields) {
        String alias = "o0";
        sqlAliases.put(select, Map.of(select.fromAlias(), alias));
        ModelClass modelClass = select.aliases().get(select.fromAlias());
        List<Sql> conditions = new ArrayList<>();
        conditions.add(classAndVisibility(modelClass, alias));
        if (select.syntax().where() != null) {
            conditions.add(condition(expression(select.syntax().where())));
        }
        List<Object> parts = new ArrayList<>();
        parts.add("SELECT " + alias + ".id, " + alias + ".finalclass");
        for (FieldPath field : fields) {
            parts.add(", ");
            parts.add(fieldValue(field, alias));
        }
        Sql order = reader.friendlyName(modelClass, alias);
        parts.add(" FROM " + mapping.table(modelClass.name()).quotedTableName() + " " + alias);
        for (String join : reader.joins()) {
            parts.add(" " + join);
        }
        parts.add(" WHERE ");
        parts.add(Sql.list(Kind.BOOL, " AND ", conditions));
        parts.add(" ORDER BY lower(");
        parts.add(order);
        parts.add("), " + alias + ".id");
        Sql statement = Sql.join(Kind.TEXT, parts.toArray());
        return new SqlQuery(statement.text(), statement.parameters(), 1);
    }

    /** Reads one requested field: follows the path's keys with joins, then reads the leaf. */
    private Sql fieldValue(FieldPath field, String alias) {
        String rowAlias = alias;
        for (int i = 0; i < field.steps().size() - 1; i++) {
            FieldRef key = field.steps().get(i);
            ModelClass target = mapping.model().get(key.attribute().targetClass().orElseThrow());
            rowAlias = reader.joinTarget(rowAlias, key.attribute(), target);
        }
        FieldRef leaf = field.leaf();
        if (leaf.kind() == FieldRef.Kind.ATTRIBUTE && !leaf.attribute().type().isExternalKey()) {
            return reader.rawColumn(leaf.owner(), leaf.attribute(), rowAlias);
        }
        return reader.read(leaf, rowAlias, true);
    }

    /** Translates a statement's branches to SQL selecting their ids (all selected aliases, or only the main one). */
    private Sql union(CheckedUnion union, boolean allSelected) {
        List<Sql> branches = new ArrayList<>();
        for (CheckedSelect branch : union.branches()) {
            branches.add(select(branch, allSelected));
        }
        return Sql.list(Kind.NUMBER, " UNION ", branches);
    }

    private Sql select(CheckedSelect select, boolean allSelected) {
        Map<String, String> aliases = new LinkedHashMap<>();
        for (String alias : select.aliases().keySet()) {
            aliases.put(alias, names.next());
        }
        sqlAliases.put(select, aliases);

        List<Object> parts = new ArrayList<>();
        parts.add("SELECT DISTINCT ");
        List<String> selected = allSelected ? select.selected() : select.selected().subList(0, 1);
        for (int i = 0; i < selected.size(); i++) {
            parts.add((i == 0 ? "" : ", ") + aliases.get(selected.get(i)) + ".id AS k" + i);
        }
        String fromAlias = select.fromAlias();
        ModelClass fromClass = select.aliases().get(fromAlias);
        parts.add(" FROM " + mapping.table(fromClass.name()).quotedTableName() + " " + aliases.get(fromAlias));
        for (CheckedSelect.ResolvedJoin join : select.joins()) {
            parts.add(join(select, join, aliases));
        }
        List<Sql> conditions = new ArrayList<>();
        conditions.add(classAndVisibility(fromClass, aliases.get(fromAlias)));
        for (CheckedSelect.ResolvedJoin join : select.joins()) {
            if (!join.outer()) {
                conditions.add(visibility(select.aliases().get(join.newAlias()), aliases.get(join.newAlias())));
            }
        }
        if (select.syntax().where() != null) {
            conditions.add(condition(expression(select.syntax().where())));
        }
        parts.add(" WHERE ");
        parts.add(Sql.list(Kind.BOOL, " AND ", conditions.stream().filter(c -> !c.text().equals("TRUE")).toList().isEmpty()
                ? List.of(Sql.of("TRUE", Kind.BOOL))
                : conditions.stream().filter(c -> !c.text().equals("TRUE")).toList()));
        return Sql.join(Kind.NUMBER, parts.toArray());
    }

    private Sql join(CheckedSelect select, CheckedSelect.ResolvedJoin join, Map<String, String> aliases) {
        ModelClass joinedClass = select.aliases().get(join.newAlias());
        ClassTable table = mapping.table(joinedClass.name());
        String joinedAlias = aliases.get(join.newAlias());
        String left = aliases.get(join.leftAlias());
        String right = aliases.get(join.rightAlias());
        String key = mapping.table(select.aliases().get(join.leftAlias()).name()).requireColumn(join.key().code()).qualified(left);
        Sql on;
        if (join.syntax().operator() == OqlQuery.JoinOperator.EQUALS) {
            on = Sql.of(right + ".id = " + key, Kind.BOOL);
        } else {
            on = Sql.of(tree(join.syntax().operator(), table, join.key(), left, right, select), Kind.BOOL);
        }
        Sql classCondition = Sql.of(table.classCondition(joinedAlias), Kind.BOOL);
        if (join.outer()) {
            return Sql.join(Kind.TEXT, " LEFT JOIN ", table.quotedTableName(), " ", joinedAlias, " ON ", on, " AND ",
                    classCondition, " AND ", visibility(joinedClass, joinedAlias));
        }
        return Sql.join(Kind.TEXT, " JOIN ", table.quotedTableName(), " ", joinedAlias, " ON ", on, " AND ", classCondition);
    }

    /**
     * Builds the condition of a tree operator {@code Node.key OP Root.id}: the ancestors of a
     * node are walked up through the hierarchical key with a recursive query (UNION stops cycles).
     */
    private String tree(OqlQuery.JoinOperator operator, ClassTable table, io.github.itopdata.core.model.AttributeDef key,
                        String node, String root, CheckedSelect select) {
        String column = mapping.table(key.definingClass()).requireColumn(key.code()).quotedName();
        boolean below = switch (operator) {
            case BELOW, BELOW_STRICT, NOT_BELOW, NOT_BELOW_STRICT -> true;
            default -> false;
        };
        boolean strict = switch (operator) {
            case BELOW_STRICT, NOT_BELOW_STRICT, ABOVE_STRICT, NOT_ABOVE_STRICT -> true;
            default -> false;
        };
        boolean negated = switch (operator) {
            case NOT_BELOW, NOT_BELOW_STRICT, NOT_ABOVE, NOT_ABOVE_STRICT -> true;
            default -> false;
        };
        // BELOW: Root is among the node's ancestors (or the node itself); ABOVE: the reverse.
        String start = below ? node : root;
        String sought = below ? root : node;
        String chain = names.next();
        String step = names.next();
        String first = strict
                ? "SELECT " + step + "." + column + " FROM " + table.quotedTableName() + " " + step + " WHERE " + step + ".id = "
                + start + ".id AND " + step + "." + column + " IS NOT NULL"
                : "SELECT " + start + ".id";
        String walk = "WITH RECURSIVE " + chain + "(id) AS (" + first + " UNION SELECT " + step + "." + column + " FROM "
                + table.quotedTableName() + " " + step + " JOIN " + chain + " ON " + step + ".id = " + chain + ".id WHERE "
                + step + "." + column + " IS NOT NULL) SELECT 1 FROM " + chain + " WHERE " + chain + ".id = " + sought + ".id";
        return (negated ? "NOT " : "") + "EXISTS (" + walk + ")";
    }

    private Sql classAndVisibility(ModelClass modelClass, String alias) {
        Sql classCondition = Sql.of(mapping.table(modelClass.name()).classCondition(alias), Kind.BOOL);
        Sql visible = visibility(modelClass, alias);
        if (visible.text().equals("TRUE")) {
            return classCondition;
        }
        if (classCondition.text().equals("TRUE")) {
            return visible;
        }
        return Sql.join(Kind.BOOL, classCondition, " AND ", visible);
    }

    private Sql visibility(ModelClass modelClass, String alias) {
        if (!hideObsolete) {
            return Sql.of("TRUE", Kind.BOOL);
        }
        Sql obsolete = obsolescenceCondition(modelClass, alias);
        if (obsolete == null) {
            return Sql.of("TRUE", Kind.BOOL);
        }
        return Sql.join(Kind.BOOL, "NOT coalesce(", obsolete, ", false)");
    }

    /** Translates the class's obsolescence condition for table alias {@code alias}; null when the class has none. */
    private Sql obsolescenceCondition(ModelClass modelClass, String alias) {
        Optional<String> condition = modelClass.obsolescenceCondition();
        if (condition.isEmpty()) {
            return null;
        }
        CheckedQuery rule = compiler.compile("SELECT `" + modelClass.name() + "` WHERE " + condition.get());
        Checker.Result outer = current;
        current = rule.checked();
        try {
            CheckedSelect select = current.union().branches().get(0);
            sqlAliases.put(select, Map.of(select.fromAlias(), alias));
            return Sql.join(Kind.BOOL, "(", condition(expression(select.syntax().where())), ")");
        } finally {
            current = outer;
        }
    }

    // ---- expressions ----

    private Sql expression(OqlExpression expression) {
        if (expression instanceof OqlExpression.Literal literal) {
            return literal(literal);
        }
        if (expression instanceof OqlExpression.Field field) {
            Binding binding = current.bindings().get(field);
            String alias = sqlAliases.get(binding.select()).get(binding.alias());
            return reader.read(binding.field(), alias, false);
        }
        if (expression instanceof OqlExpression.Parameter parameter) {
            return Sql.bound("CAST(? AS text)", arguments.getOrDefault(parameter.text(), ""), Kind.STRING);
        }
        if (expression instanceof OqlExpression.Parenthesized parenthesized) {
            Sql inner = expression(parenthesized.inner());
            return Sql.join(inner.kind(), "(", inner, ")");
        }
        if (expression instanceof OqlExpression.FunctionCall call) {
            return Functions.translate(call, this::expression, this::condition);
        }
        if (expression instanceof OqlExpression.InList in) {
            return inList(in);
        }
        if (expression instanceof OqlExpression.Operation operation) {
            return operation(operation);
        }
        throw new IllegalStateException("Unexpected expression " + expression);
    }

    private static Sql literal(OqlExpression.Literal literal) {
        switch (literal.kind()) {
            case INTEGER:
                return Sql.bound("CAST(? AS bigint)", Long.parseLong(literal.value()), Kind.NUMBER);
            case HEX:
                return Sql.bound("CAST(? AS bigint)", Long.parseUnsignedLong(literal.value().substring(2), 16), Kind.NUMBER);
            case STRING:
                return Sql.bound("CAST(? AS text)", literal.value(), Kind.STRING);
            default:
                return Sql.of("NULL", Kind.NULL);
        }
    }

    private Sql inList(OqlExpression.InList in) {
        Sql value = expression(in.value());
        String operator = in.negated() ? " NOT IN (" : " IN (";
        if (in.subquery() != null) {
            CheckedUnion union = current.subqueries().get(in.subquery());
            Sql ids = union(union, false);
            return Sql.join(Kind.BOOL, "(", Comparisons.coerce(value, Kind.NUMBER), operator, ids, "))");
        }
        List<Sql> values = new ArrayList<>();
        boolean text = value.kind() == Kind.TEXT;
        boolean codes = value.kind() == Kind.CODE;
        boolean strings = value.kind() == Kind.STRING;
        for (OqlExpression each : in.values()) {
            Sql item = expression(each);
            values.add(item);
            text |= item.kind() == Kind.TEXT;
            codes &= item.kind() == Kind.STRING || item.kind() == Kind.CODE;
            strings &= item.kind() == Kind.STRING;
        }
        List<Sql> prepared = new ArrayList<>();
        for (Sql item : values) {
            if (codes) {
                prepared.add(Comparisons.lower(item));
            } else if (text || strings) {
                prepared.add(Comparisons.fold(item));
            } else {
                prepared.add(Comparisons.coerce(item, value.kind()));
            }
        }
        Sql left = value;
        if (codes) {
            left = Comparisons.lower(value);
        } else if (text || strings) {
            left = Comparisons.fold(value);
        }
        return Sql.join(Kind.BOOL, "(", left, operator, Sql.list(Kind.TEXT, ", ", prepared), "))");
    }

    /** Evaluates a chain left to right: each step combines the result so far with the next operand. */
    private Sql operation(OqlExpression.Operation operation) {
        Sql result = expression(operation.operands().get(0));
        for (int i = 0; i < operation.operators().size(); i++) {
            OqlExpression right = operation.operands().get(i + 1);
            result = Comparisons.binary(result, operation.operators().get(i).operator(), expression(right), this::condition);
        }
        return result;
    }

    /** Turns a value into a condition: non-zero is true, as in MySQL. */
    private Sql condition(Sql value) {
        if (value.kind() == Kind.BOOL) {
            return value;
        }
        if (value.kind() == Kind.NULL) {
            return Sql.of("NULL::boolean", Kind.BOOL);
        }
        return Sql.join(Kind.BOOL, "((", Comparisons.coerce(value, Kind.NUMBER), ") <> 0)");
    }

    static Map<String, String> noArguments() {
        return new HashMap<>();
    }

    String text() {
        return text;
    }
}
