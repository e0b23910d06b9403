package io.github.itopdata.core.query.internal;

import java.util.HashMap;
import java.util.Map;

/** OQL token types; {@link #name()} is the token name that syntax errors print. */
public enum TokenType {
    NAME, NUMVAL, HEXVAL, STRVAL, VARNAME,
    SELECT, FROM, AS_ALIAS, WHERE, JOIN, ON, UNION, LOG_AND, LOG_OR, LIKE, NOT_LIKE, IN, NOT_IN,
    REGEXP, MATCHES, INTERVAL, NULL_VAL,
    BELOW, BELOW_STRICT, NOT_BELOW, NOT_BELOW_STRICT, ABOVE, ABOVE_STRICT, NOT_ABOVE, NOT_ABOVE_STRICT,
    F_IF, F_ELT, F_COALESCE, F_ISNULL, F_CONCAT, F_SUBSTR, F_TRIM, F_DATE, F_DATE_FORMAT,
    F_CURRENT_DATE, F_NOW, F_TIME, F_TO_DAYS, F_FROM_DAYS, F_YEAR, F_MONTH, F_DAY, F_HOUR, F_MINUTE,
    F_SECOND, F_DATE_ADD, F_DATE_SUB, F_ROUND, F_FLOOR, F_INET_ATON, F_INET_NTOA,
    EQ, NOT_EQ, LT, GT, LE, GE, MATH_PLUS, MATH_MINUS, MATH_MULTIPLY, MATH_DIVIDE,
    BITWISE_AND, BITWISE_OR, BITWISE_XOR, BITWISE_LEFT_SHIFT, BITWISE_RIGHT_SHIFT,
    PAR_OPEN, PAR_CLOSE, COMA, DOT,
    END;

    private static final Map<String, TokenType> WORDS = new HashMap<>();

    static {
        for (String word : new String[] {"SELECT", "FROM", "WHERE", "JOIN", "ON", "UNION", "LIKE", "IN",
                "REGEXP", "MATCHES", "INTERVAL", "BELOW", "ABOVE"}) {
            WORDS.put(word, valueOf(word));
        }
        WORDS.put("AS", AS_ALIAS);
        WORDS.put("AND", LOG_AND);
        WORDS.put("OR", LOG_OR);
        WORDS.put("NULL", NULL_VAL);
        for (TokenType type : values()) {
            if (type.isFunction()) {
                WORDS.put(type.functionName(), type);
            }
        }
    }

    /** Returns the keyword or function token spelled exactly {@code word}, or null for a name. */
    static TokenType word(String word) {
        return WORDS.get(word);
    }

    public boolean isFunction() {
        return name().startsWith("F_");
    }

    /** Returns the OQL spelling of a function token ({@code DATE_ADD} for {@link #F_DATE_ADD}). */
    public String functionName() {
        return name().substring(2);
    }
}
