package io.github.itopdata.core.query.internal;

import io.github.itopdata.core.query.OqlOperator;
import io.github.itopdata.core.query.internal.Sql.Kind;
import java.util.function.UnaryOperator;

/**
 * SQL for OQL's binary operators.
 *
 * <p>Text is compared case- and accent-insensitively, ignoring trailing spaces, through the
 * store's {@code itop_fold} function: whenever one side is text read from the database, or both
 * sides are strings. A string or parameter compared with a number or a date is cast to that
 * type. Booleans used as numbers become 0 or 1.
 */
final class Comparisons {

    private Comparisons() {
    }

    static Sql binary(Sql left, OqlOperator operator, Sql right, UnaryOperator<Sql> condition) {
        switch (operator) {
            case AND:
                return Sql.join(Kind.BOOL, "(", condition.apply(left), " AND ", condition.apply(right), ")");
            case OR:
                return Sql.join(Kind.BOOL, "(", condition.apply(left), " OR ", condition.apply(right), ")");
            case EQUALS, NOT_EQUALS, LESS, GREATER, LESS_OR_EQUAL, GREATER_OR_EQUAL:
                return compare(left, operator.symbol().equals("!=") ? "<>" : operator.symbol(), right);
            case LIKE:
                return like(left, " LIKE ", right);
            case NOT_LIKE:
                return like(left, " NOT LIKE ", right);
            case REGEXP:
                return Sql.join(Kind.BOOL, "((", coerce(left, Kind.TEXT), ") ~* (", coerce(right, Kind.TEXT), "))");
            case MATCHES:
                return matches(left, right);
            case PLUS:
                return arithmetic(left, " + ", right);
            case MINUS:
                return arithmetic(left, " - ", right);
            case MULTIPLY:
                return arithmetic(left, " * ", right);
            case DIVIDE:
                // Real division as in MySQL; division by zero gives NULL there, so it does here.
                return Sql.join(Kind.NUMBER, "((", coerce(left, Kind.NUMBER), ")::numeric / nullif((",
                        coerce(right, Kind.NUMBER), ")::numeric, 0))");
            case LEFT_SHIFT:
                return bitwise(left, " << ", right);
            case RIGHT_SHIFT:
                return bitwise(left, " >> ", right);
            case BIT_AND:
                return left.kind() == Kind.BOOL && right.kind() == Kind.BOOL
                        ? Sql.join(Kind.BOOL, "(", left, " AND ", right, ")") : bitwise(left, " & ", right);
            case BIT_OR:
                return left.kind() == Kind.BOOL && right.kind() == Kind.BOOL
                        ? Sql.join(Kind.BOOL, "(", left, " OR ", right, ")") : bitwise(left, " | ", right);
            case BIT_XOR:
                return left.kind() == Kind.BOOL && right.kind() == Kind.BOOL
                        ? Sql.join(Kind.BOOL, "(", left, " <> ", right, ")") : bitwise(left, " # ", right);
            default:
                throw new IllegalStateException("Unhandled operator " + operator);
        }
    }

    private static Sql compare(Sql left, String operator, Sql right) {
        if (left.kind() == Kind.NULL || right.kind() == Kind.NULL) {
            return Sql.join(Kind.BOOL, "(", left, " ", operator, " ", right, ")");
        }
        if (isCode(left, right)) {
            return Sql.join(Kind.BOOL, "(", lower(left), " ", operator, " ", lower(right), ")");
        }
        if (isText(left, right)) {
            return Sql.join(Kind.BOOL, "(", fold(left), " ", operator, " ", fold(right), ")");
        }
        Kind target = typed(left.kind()) ? left.kind() : right.kind();
        return Sql.join(Kind.BOOL, "(", coerce(left, target), " ", operator, " ", coerce(right, target), ")");
    }

    private static Sql like(Sql left, String operator, Sql right) {
        if (isCode(left, right)) {
            return Sql.join(Kind.BOOL, "(", lower(left), operator, lower(right), ")");
        }
        return Sql.join(Kind.BOOL, "(", fold(left), operator, fold(right), ")");
    }

    /** Tells whether a code is compared with a code or a string: case-insensitive, without the fold. */
    static boolean isCode(Sql left, Sql right) {
        return left.kind() == Kind.CODE && (right.kind() == Kind.CODE || right.kind() == Kind.STRING)
                || right.kind() == Kind.CODE && left.kind() == Kind.STRING;
    }

    /** Lower-cases a value, as text. */
    static Sql lower(Sql value) {
        return Sql.join(Kind.TEXT, "lower(", coerce(value, Kind.TEXT), ")");
    }

    private static boolean isText(Sql left, Sql right) {
        return left.kind() == Kind.TEXT && (right.kind() == Kind.TEXT || right.kind() == Kind.STRING || right.kind() == Kind.CODE)
                || left.kind() == Kind.CODE && right.kind() == Kind.TEXT
                || right.kind() == Kind.TEXT && left.kind() == Kind.STRING
                || left.kind() == Kind.STRING && right.kind() == Kind.STRING;
    }

    private static boolean typed(Kind kind) {
        return kind == Kind.NUMBER || kind == Kind.DATE || kind == Kind.DATETIME || kind == Kind.TEXT || kind == Kind.CODE;
    }

    /**
     * MATCHES on a tag set or enum set (codes separated by {@code |} in the column) tests whether
     * the set contains the tag; on other text it is a word search.
     */
    private static Sql matches(Sql left, Sql right) {
        return Sql.join(Kind.BOOL, "(", fold(right), " = ANY (string_to_array(", fold(left), ", '|')) OR to_tsvector('simple', ",
                coerce(left, Kind.TEXT), ") @@ plainto_tsquery('simple', ", coerce(right, Kind.TEXT), "))");
    }

    private static Sql arithmetic(Sql left, String operator, Sql right) {
        Kind leftKind = left.kind();
        if ((leftKind == Kind.DATE || leftKind == Kind.DATETIME) && operator.equals(" - ") && right.kind() == leftKind) {
            return Sql.join(Kind.NUMBER, "(", left, operator, right, ")");
        }
        return Sql.join(Kind.NUMBER, "(", coerce(left, Kind.NUMBER), operator, coerce(right, Kind.NUMBER), ")");
    }

    private static Sql bitwise(Sql left, String operator, Sql right) {
        // PostgreSQL shifts a bigint by an integer count.
        String rightType = operator.contains("<") || operator.contains(">") ? ")::int)" : ")::bigint)";
        return Sql.join(Kind.NUMBER, "((", coerce(left, Kind.NUMBER), ")::bigint", operator, "(", coerce(right, Kind.NUMBER),
                rightType);
    }

    /** Wraps a value in the fold function, as text. */
    static Sql fold(Sql value) {
        return Sql.join(Kind.TEXT, "itop_fold(", coerce(value, Kind.TEXT), ")");
    }

    /** Casts a value to a kind when its own kind differs. */
    static Sql coerce(Sql value, Kind target) {
        if (value.kind() == target || value.kind() == Kind.NULL || target == Kind.TEXT && value.kind() == Kind.CODE) {
            return value;
        }
        switch (target) {
            case TEXT:
                return Sql.join(Kind.TEXT, "(", value, ")::text");
            case NUMBER:
                if (value.kind() == Kind.BOOL) {
                    return Sql.join(Kind.NUMBER, "(", value, ")::int");
                }
                return Sql.join(Kind.NUMBER, "(", value, ")::numeric");
            case DATE:
                return Sql.join(Kind.DATE, "(", value, ")::date");
            case DATETIME:
                return Sql.join(Kind.DATETIME, "(", value, ")::timestamp");
            default:
                return value;
        }
    }
}
