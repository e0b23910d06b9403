package io.github.itopdata.core.query.internal;

import io.github.itopdata.core.model.AttributeDef;
import io.github.itopdata.core.model.AttributeType;
import io.github.itopdata.core.model.Model;
import io.github.itopdata.core.model.ModelClass;
import io.github.itopdata.core.query.FieldRef;
import io.github.itopdata.core.query.OqlException;
import io.github.itopdata.core.query.OqlExpression;
import io.github.itopdata.core.query.OqlExpression.Field;
import io.github.itopdata.core.query.OqlOperator;
import io.github.itopdata.core.query.OqlQuery;
import io.github.itopdata.core.query.OqlQuery.Name;
import io.github.itopdata.core.query.Suggestions;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a parsed statement against the model: classes, aliases, joins, filter codes, function
 * arities, MATCHES and the precedence trap of arithmetic on comparison results. Records where
 * each field and sub-query resolves, for the SQL translation.
 */
public final class Checker {

    private static final Map<String, int[]> ARITY = Map.ofEntries(
            Map.entry("IF", new int[] {3, 3}), Map.entry("ELT", new int[] {2, Integer.MAX_VALUE}),
            Map.entry("COALESCE", new int[] {1, Integer.MAX_VALUE}), Map.entry("ISNULL", new int[] {1, 1}),
            Map.entry("CONCAT", new int[] {1, Integer.MAX_VALUE}), Map.entry("SUBSTR", new int[] {2, 3}),
            Map.entry("TRIM", new int[] {1, 1}), Map.entry("DATE", new int[] {1, 1}),
            Map.entry("DATE_FORMAT", new int[] {2, 2}), Map.entry("CURRENT_DATE", new int[] {0, 0}),
            Map.entry("NOW", new int[] {0, 0}), Map.entry("TIME", new int[] {1, 1}),
            Map.entry("TO_DAYS", new int[] {1, 1}), Map.entry("FROM_DAYS", new int[] {1, 1}),
            Map.entry("YEAR", new int[] {1, 1}), Map.entry("MONTH", new int[] {1, 1}), Map.entry("DAY", new int[] {1, 1}),
            Map.entry("HOUR", new int[] {1, 1}), Map.entry("MINUTE", new int[] {1, 1}),
            Map.entry("SECOND", new int[] {1, 1}), Map.entry("DATE_ADD", new int[] {2, 2}),
            Map.entry("DATE_SUB", new int[] {2, 2}), Map.entry("ROUND", new int[] {1, 2}),
            Map.entry("FLOOR", new int[] {1, 1}), Map.entry("INET_ATON", new int[] {1, 1}),
            Map.entry("INET_NTOA", new int[] {1, 1}));

    private final FilterCodes codes;
    private final Model model;
    private final String text;
    private final Map<Field, Binding> bindings = new IdentityHashMap<>();
    private final Map<OqlQuery, CheckedUnion> subqueries = new IdentityHashMap<>();
    private final Set<String> parameters = new LinkedHashSet<>();

    private Checker(FilterCodes codes, String text) {
        this.codes = codes;
        this.model = codes.model();
        this.text = text;
    }

    /** Findings of the check of one statement. */
    public record Result(CheckedUnion union, Map<Field, Binding> bindings, Map<OqlQuery, CheckedUnion> subqueries,
                         Set<String> parameters) {
    }

    /** Checks {@code query}, raising an {@link OqlException} of kind MODEL at the first problem. */
    public static Result check(FilterCodes codes, OqlQuery query) {
        Checker checker = new Checker(codes, query.text());
        CheckedUnion union = checker.union(query, null);
        return new Result(union, checker.bindings, checker.subqueries, checker.parameters);
    }

    private CheckedUnion union(OqlQuery query, CheckedSelect enclosing) {
        List<CheckedSelect> branches = new ArrayList<>();
        for (OqlQuery.Select select : query.branches()) {
            branches.add(select(select, enclosing));
        }
        CheckedSelect first = branches.get(0);
        List<ModelClass> classes = new ArrayList<>();
        for (String alias : first.selected()) {
            classes.add(first.aliases().get(alias));
        }
        for (int b = 1; b < branches.size(); b++) {
            CheckedSelect branch = branches.get(b);
            Name last = lastSelectedName(branch.syntax());
            if (branch.selected().size() < classes.size()) {
                throw error("Too few selected classes in the subquery", last.text(), last.position());
            }
            if (branch.selected().size() > classes.size()) {
                throw error("Too many selected classes in the subquery", last.text(), last.position());
            }
            for (int i = 0; i < classes.size(); i++) {
                ModelClass other = branch.aliases().get(branch.selected().get(i));
                ModelClass common = commonAncestor(classes.get(i), other);
                if (common == null) {
                    Name name = selectedName(branch.syntax(), i);
                    throw error("Incompatible classes: could not find a common ancestor", name.text(), name.position());
                }
                classes.set(i, common);
            }
        }
        return new CheckedUnion(List.copyOf(branches), List.copyOf(first.selected()), List.copyOf(classes));
    }

    private ModelClass commonAncestor(ModelClass a, ModelClass b) {
        List<ModelClass> chain = new ArrayList<>(model.ancestors(a.name()));
        chain.add(a);
        for (int i = chain.size() - 1; i >= 0; i--) {
            if (model.isSameOrSubclassOf(b.name(), chain.get(i).name())) {
                return chain.get(i);
            }
        }
        return null;
    }

    private static Name lastSelectedName(OqlQuery.Select select) {
        return select.selected().isEmpty() ? select.from().aliasOrClass() : select.selected().get(select.selected().size() - 1);
    }

    private static Name selectedName(OqlQuery.Select select, int index) {
        return select.selected().isEmpty() ? select.from().aliasOrClass() : select.selected().get(index);
    }

    private CheckedSelect select(OqlQuery.Select syntax, CheckedSelect enclosing) {
        CheckedSelect select = new CheckedSelect(syntax, enclosing);
        declare(select, syntax.from());
        for (OqlQuery.Join join : syntax.joins()) {
            declare(select, join.target());
            select.joins().add(join(select, join));
        }
        if (syntax.selected().isEmpty()) {
            select.selected().add(syntax.from().aliasName());
        }
        for (Name name : syntax.selected()) {
            if (!select.aliases().containsKey(name.text())) {
                throw error("Unknown class [alias]", name.text(), name.position(), List.copyOf(select.aliases().keySet()));
            }
            select.selected().add(name.text());
        }
        if (syntax.where() != null) {
            expression(syntax.where(), select);
        }
        return select;
    }

    private void declare(CheckedSelect select, OqlQuery.ClassRef ref) {
        ModelClass modelClass = classNamed(ref.className());
        String alias = ref.aliasName();
        if (select.aliases().containsKey(alias)) {
            Name name = ref.aliasOrClass();
            throw error(ref.alias() == null ? "Duplicate class name" : "Duplicate class alias", name.text(), name.position());
        }
        select.aliases().put(alias, modelClass);
    }

    private ModelClass classNamed(Name name) {
        Optional<ModelClass> found = model.find(name.text());
        if (found.isEmpty()) {
            List<String> all = model.classes().stream().map(ModelClass::name).toList();
            throw error("Unknown class", name.text(), name.position(), all);
        }
        return found.get();
    }

    /** Applies the join rules in order: right side is an id, aliases known, key known, direction and target, tree operator. */
    private CheckedSelect.ResolvedJoin join(CheckedSelect select, OqlQuery.Join join) {
        Field left = join.left();
        Field right = join.right();
        if (!right.code().equals("id")) {
            throw error("Wrong format for Join clause (right hand), expecting an id", right.text(), right.position());
        }
        if (left.alias() == null || !select.aliases().containsKey(left.alias())) {
            throw error("Unknown class in join condition (left expression)", left.text(), left.position(),
                    List.copyOf(select.aliases().keySet()));
        }
        if (right.alias() == null || !select.aliases().containsKey(right.alias())) {
            throw error("Unknown class in join condition (right expression)", right.text(), right.position(),
                    List.copyOf(select.aliases().keySet()));
        }
        String newAlias = join.target().aliasName();
        ModelClass leftClass = select.aliases().get(left.alias());
        Optional<AttributeDef> key = leftClass.attribute(left.code()).filter(a -> a.type().isExternalKey());
        if (key.isEmpty()) {
            List<String> keys = leftClass.allAttributes().stream().filter(a -> a.type().isExternalKey())
                    .map(AttributeDef::code).toList();
            throw error("Unknown key in join condition (left expression)", left.code(), left.codePosition(), keys);
        }
        boolean incoming = left.alias().equals(newAlias);
        if (!incoming && !right.alias().equals(newAlias)) {
            throw error("Unknown class in join condition (right expression)", right.text(), right.position(),
                    List.of(newAlias));
        }
        if (incoming && right.alias().equals(newAlias)) {
            throw error("Unknown class in join condition (right expression)", right.text(), right.position(),
                    List.copyOf(select.aliases().keySet()));
        }
        ModelClass rightClass = select.aliases().get(right.alias());
        String target = key.get().targetClass().orElse("");
        if (!model.isSameOrSubclassOf(rightClass.name(), target) && !model.isSameOrSubclassOf(target, rightClass.name())) {
            throw error("The joined class (" + rightClass.name() + ") is not compatible with the external key, which is pointing to "
                    + target, right.text(), right.position());
        }
        if (join.operator() != OqlQuery.JoinOperator.EQUALS && key.get().type() != AttributeType.HIERARCHICAL_KEY) {
            throw error("The specified tree operator " + join.operator().symbol() + " is not applicable to the key",
                    join.operator().symbol(), join.operatorPosition());
        }
        boolean outer = !incoming && key.get().isNullable();
        return new CheckedSelect.ResolvedJoin(join, newAlias, left.alias(), right.alias(), key.get(), incoming, outer);
    }

    /** Checks an expression; recursion follows nesting only, chains are iterated. */
    private void expression(OqlExpression expression, CheckedSelect select) {
        if (expression instanceof Field field) {
            bind(field, select);
        } else if (expression instanceof OqlExpression.Parameter parameter) {
            parameters.add(parameter.text());
        } else if (expression instanceof OqlExpression.Parenthesized parenthesized) {
            expression(parenthesized.inner(), select);
        } else if (expression instanceof OqlExpression.Interval interval) {
            throw error("INTERVAL is only allowed as the second argument of DATE_ADD or DATE_SUB",
                    "INTERVAL", interval.position());
        } else if (expression instanceof OqlExpression.FunctionCall call) {
            function(call, select);
        } else if (expression instanceof OqlExpression.InList in) {
            inList(in, select);
        } else if (expression instanceof OqlExpression.Operation operation) {
            operation(operation, select);
        }
    }

    private void inList(OqlExpression.InList in, CheckedSelect select) {
        expression(in.value(), select);
        if (in.subquery() == null) {
            for (OqlExpression value : in.values()) {
                expression(value, select);
            }
            return;
        }
        CheckedUnion union = union(in.subquery(), select);
        if (union.resultAliases().size() != 1) {
            Name name = lastSelectedName(in.subquery().branches().get(0));
            throw error("Too many selected classes in the subquery", name.text(), name.position());
        }
        subqueries.put(in.subquery(), union);
    }

    private void operation(OqlExpression.Operation operation, CheckedSelect select) {
        for (OqlExpression operand : operation.operands()) {
            expression(operand, select);
        }
        for (int i = 0; i < operation.operators().size(); i++) {
            OqlExpression.OperatorAt operator = operation.operators().get(i);
            OqlOperator op = operator.operator();
            if (op.category() == OqlOperator.Category.ARITHMETIC || op.category() == OqlOperator.Category.BITWISE) {
                boolean leftIsComparison = i > 0 && isComparison(operation.operators().get(i - 1).operator())
                        || isComparison(operation.operands().get(i));
                if (leftIsComparison || isComparison(operation.operands().get(i + 1))) {
                    throw OqlException.arithmeticOnComparison(text, operator.position());
                }
            }
            if (op == OqlOperator.MATCHES) {
                matches(operation, i, operator);
            }
        }
    }

    private void matches(OqlExpression.Operation operation, int index, OqlExpression.OperatorAt operator) {
        OqlExpression left = index == 0 ? operation.operands().get(0) : null;
        OqlExpression right = operation.operands().get(index + 1);
        if (!(left instanceof Field)) {
            OqlExpression found = left == null ? operation.operands().get(0) : left;
            throw error("Only \"field MATCHES string\" syntax is allowed: the left side of MATCHES must be a field",
                    found instanceof Field f ? f.text() : text.substring(found.position(), operator.position()).trim(),
                    found.position());
        }
        boolean stringOrParameter = right instanceof OqlExpression.Parameter
                || right instanceof OqlExpression.Literal literal && literal.kind() == OqlExpression.LiteralKind.STRING;
        if (!stringOrParameter) {
            String found = right instanceof Field f ? f.text() : "";
            throw error("Only \"field MATCHES string\" syntax is allowed: the right side of MATCHES must be a string or a parameter",
                    found, right.position());
        }
    }

    private static boolean isComparison(OqlOperator operator) {
        return operator.category() == OqlOperator.Category.COMPARISON || operator.category() == OqlOperator.Category.LOGICAL;
    }

    private static boolean isComparison(OqlExpression operand) {
        OqlExpression inner = operand;
        while (inner instanceof OqlExpression.Parenthesized parenthesized) {
            inner = parenthesized.inner();
        }
        if (inner instanceof OqlExpression.InList) {
            return true;
        }
        return inner instanceof OqlExpression.Operation operation
                && isComparison(operation.operators().get(operation.operators().size() - 1).operator());
    }

    private void function(OqlExpression.FunctionCall call, CheckedSelect select) {
        int[] arity = ARITY.get(call.name());
        int count = call.arguments().size();
        if (count < arity[0] || count > arity[1]) {
            String expected = arity[0] == arity[1] ? String.valueOf(arity[0])
                    : arity[1] == Integer.MAX_VALUE ? "at least " + arity[0] : arity[0] + " or " + arity[1];
            throw error("Function " + call.name() + " expects " + expected + " argument" + (arity[1] == 1 && arity[0] == 1 ? "" : "s")
                    + ", got " + count, call.name(), call.position());
        }
        boolean dateArithmetic = call.name().equals("DATE_ADD") || call.name().equals("DATE_SUB");
        for (int i = 0; i < count; i++) {
            OqlExpression argument = call.arguments().get(i);
            if (dateArithmetic && i == 1) {
                if (!(argument instanceof OqlExpression.Interval interval)) {
                    throw error("Function " + call.name() + " expects INTERVAL <n> <unit> as its second argument",
                            call.name(), argument.position());
                }
                expression(interval.amount(), select);
                continue;
            }
            expression(argument, select);
        }
    }

    /** Resolves a field: qualified in its alias; bare in the innermost branch where exactly one alias has it. */
    private void bind(Field field, CheckedSelect select) {
        if (field.alias() != null) {
            for (CheckedSelect level = select; level != null; level = level.enclosing()) {
                ModelClass modelClass = level.aliases().get(field.alias());
                if (modelClass != null) {
                    FieldRef ref = codes.find(modelClass, field.code()).orElseThrow(() ->
                            error("Unknown filter code", field.code(), field.codePosition(), codes.names(modelClass)));
                    bindings.put(field, new Binding(level, field.alias(), ref));
                    return;
                }
            }
            throw error("Unknown class [alias]", field.alias(), field.position(), aliasesInScope(select));
        }
        for (CheckedSelect level = select; level != null; level = level.enclosing()) {
            Binding found = null;
            for (Map.Entry<String, ModelClass> alias : level.aliases().entrySet()) {
                Optional<FieldRef> ref = codes.find(alias.getValue(), field.code());
                if (ref.isPresent()) {
                    if (found != null) {
                        throw error("Ambiguous filter code", field.code(), field.position());
                    }
                    found = new Binding(level, alias.getKey(), ref.get());
                }
            }
            if (found != null) {
                bindings.put(field, found);
                return;
            }
        }
        List<String> all = new ArrayList<>();
        for (CheckedSelect level = select; level != null; level = level.enclosing()) {
            for (ModelClass modelClass : level.aliases().values()) {
                for (String code : codes.names(modelClass)) {
                    if (!all.contains(code)) {
                        all.add(code);
                    }
                }
            }
        }
        throw error("Unknown filter code", field.code(), field.position(), all);
    }

    private static List<String> aliasesInScope(CheckedSelect select) {
        List<String> aliases = new ArrayList<>();
        for (CheckedSelect level = select; level != null; level = level.enclosing()) {
            aliases.addAll(level.aliases().keySet());
        }
        return aliases;
    }

    private OqlException error(String issue, String found, int position) {
        return new OqlException(OqlException.Kind.MODEL, issue, found, position, text);
    }

    private OqlException error(String issue, String found, int position, List<String> expected) {
        return new OqlException(OqlException.Kind.MODEL, issue, found, position, text, expected,
                Suggestions.suggest(expected, found));
    }
}
