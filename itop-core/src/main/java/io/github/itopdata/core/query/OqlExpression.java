package io.github.itopdata.core.query;

import java.util.List;

/**
 * An OQL expression as parsed, with the 0-based position of its first character.
 *
 * <p>Chains of binary operators of one precedence level are kept flat in one {@link Operation}
 * (evaluated left to right), so that a condition of 10,000 {@code AND}s is a list, not a tree
 * 10,000 levels deep.
 */
public sealed interface OqlExpression {

    /** 0-based offset of the expression's first character in the query. */
    int position();

    /** Literal kinds. */
    enum LiteralKind { INTEGER, HEX, STRING, NULL }

    /** An integer (possibly negative), hex, string or NULL literal; {@code value} is decoded. */
    record Literal(LiteralKind kind, String value, int position) implements OqlExpression {
    }

    /** {@code attcode} or {@code alias.attcode}; {@code alias} is null when not written. */
    record Field(String alias, String code, int position, int codePosition) implements OqlExpression {

        /** Returns the field as written. */
        public String text() {
            return alias == null ? code : alias + "." + code;
        }
    }

    /** {@code :name} or {@code :name->attcode}; {@code attribute} is null for the plain form. */
    record Parameter(String name, String attribute, int position) implements OqlExpression {

        /** Returns the parameter as written, without its colon. */
        public String text() {
            return attribute == null ? name : name + "->" + attribute;
        }
    }

    /** A call of one of OQL's functions; {@code name} is upper-case, as written. */
    record FunctionCall(String name, List<OqlExpression> arguments, int position) implements OqlExpression {
    }

    /** {@code INTERVAL amount unit}, only valid as an argument of DATE_ADD and DATE_SUB. */
    record Interval(OqlExpression amount, String unit, int position) implements OqlExpression {
    }

    /** An expression in parentheses, kept so that checks can tell {@code a = (b - 1)} from {@code a = b - 1}. */
    record Parenthesized(OqlExpression inner, int position) implements OqlExpression {
    }

    /**
     * {@code value [NOT] IN (list)} or {@code value [NOT] IN (sub-query)}: exactly one of
     * {@code values} (non-empty) and {@code subquery} (non-null) is set.
     */
    record InList(OqlExpression value, boolean negated, List<OqlExpression> values, OqlQuery subquery,
                  int operatorPosition) implements OqlExpression {

        @Override
        public int position() {
            return value.position();
        }
    }

    /**
     * {@code operands[0] op[0] operands[1] op[1] operands[2] ...}, evaluated left to right; all
     * operators belong to one precedence level.
     */
    record Operation(List<OqlExpression> operands, List<OperatorAt> operators) implements OqlExpression {

        @Override
        public int position() {
            return operands.get(0).position();
        }
    }

    /** One operator of an {@link Operation} and its position. */
    record OperatorAt(OqlOperator operator, int position) {
    }
}
