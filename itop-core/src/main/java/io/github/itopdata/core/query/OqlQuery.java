package io.github.itopdata.core.query;

import java.util.List;

/**
 * A parsed OQL statement: one or more SELECT branches joined by UNION.
 *
 * @param text     the query as given
 * @param branches the SELECT branches, at least one
 */
public record OqlQuery(String text, List<Select> branches) {

    /** A name as written (back-quotes removed) and its position. */
    public record Name(String text, int position) {
    }

    /** {@code Class [AS alias]}; {@link #aliasName()} is the class name when no alias is written. */
    public record ClassRef(Name className, Name alias) {

        public String aliasName() {
            return alias == null ? className.text() : alias.text();
        }

        public Name aliasOrClass() {
            return alias == null ? className : alias;
        }
    }

    /** Tree and equality operators of a JOIN condition. */
    public enum JoinOperator {
        EQUALS("="), BELOW("BELOW"), BELOW_STRICT("BELOW STRICT"), NOT_BELOW("NOT BELOW"),
        NOT_BELOW_STRICT("NOT BELOW STRICT"), ABOVE("ABOVE"), ABOVE_STRICT("ABOVE STRICT"),
        NOT_ABOVE("NOT ABOVE"), NOT_ABOVE_STRICT("NOT ABOVE STRICT");

        private final String symbol;

        JoinOperator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    /** {@code JOIN target ON left op right}. */
    public record Join(ClassRef target, OqlExpression.Field left, JoinOperator operator,
                       int operatorPosition, OqlExpression.Field right) {
    }

    /**
     * One SELECT branch.
     *
     * @param selected the aliases listed before FROM; empty for the {@code SELECT Class} form
     * @param from     the class after SELECT or FROM
     * @param joins    the joins in order
     * @param where    the condition, or null
     * @param position offset of the SELECT keyword
     */
    public record Select(List<Name> selected, ClassRef from, List<Join> joins, OqlExpression where, int position) {
    }
}
