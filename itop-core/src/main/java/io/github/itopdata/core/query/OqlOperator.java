package io.github.itopdata.core.query;

/**
 * OQL's binary operators with their precedence level: 1 binds tightest
 * ({@code * / << >>}), then 2 (comparisons, {@code + -}, LIKE, REGEXP, MATCHES), 3 (AND, &amp;),
 * 4 (OR, |, ^). All are left-associative.
 */
public enum OqlOperator {
    MULTIPLY("*", 1, Category.ARITHMETIC),
    DIVIDE("/", 1, Category.ARITHMETIC),
    LEFT_SHIFT("<<", 1, Category.BITWISE),
    RIGHT_SHIFT(">>", 1, Category.BITWISE),
    EQUALS("=", 2, Category.COMPARISON),
    NOT_EQUALS("!=", 2, Category.COMPARISON),
    LESS("<", 2, Category.COMPARISON),
    GREATER(">", 2, Category.COMPARISON),
    LESS_OR_EQUAL("<=", 2, Category.COMPARISON),
    GREATER_OR_EQUAL(">=", 2, Category.COMPARISON),
    PLUS("+", 2, Category.ARITHMETIC),
    MINUS("-", 2, Category.ARITHMETIC),
    LIKE("LIKE", 2, Category.COMPARISON),
    NOT_LIKE("NOT LIKE", 2, Category.COMPARISON),
    REGEXP("REGEXP", 2, Category.COMPARISON),
    MATCHES("MATCHES", 2, Category.COMPARISON),
    AND("AND", 3, Category.LOGICAL),
    BIT_AND("&", 3, Category.BITWISE),
    OR("OR", 4, Category.LOGICAL),
    BIT_OR("|", 4, Category.BITWISE),
    BIT_XOR("^", 4, Category.BITWISE);

    /** What an operator computes. */
    public enum Category { ARITHMETIC, BITWISE, COMPARISON, LOGICAL }

    private final String symbol;
    private final int level;
    private final Category category;

    OqlOperator(String symbol, int level, Category category) {
        this.symbol = symbol;
        this.level = level;
        this.category = category;
    }

    /** Returns the operator as written in OQL. */
    public String symbol() {
        return symbol;
    }

    public int level() {
        return level;
    }

    public Category category() {
        return category;
    }
}
