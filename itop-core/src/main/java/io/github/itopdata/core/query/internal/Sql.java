package io.github.itopdata.core.query.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A piece of SQL with its bound values, in placeholder order, and the kind of value it computes.
 */
record Sql(String text, List<Object> parameters, Kind kind) {

    /** Kinds of value a piece of SQL computes, which choose the casts and the text comparison rule. */
    enum Kind {
        /** Text read from the database: compared case- and accent-insensitively. */
        TEXT,
        /**
         * Codes (enum values, class names): compared ignoring case only, with the cheap
         * {@code lower()} rather than the full fold, since codes carry no accents or trailing spaces.
         */
        CODE,
        /** A string literal or a parameter: text that takes the type of what it is compared with. */
        STRING,
        NUMBER,
        DATE,
        DATETIME,
        /** A condition (SQL boolean). */
        BOOL,
        NULL
    }

    static Sql of(String text, Kind kind) {
        return new Sql(text, List.of(), kind);
    }

    static Sql bound(String text, Object value, Kind kind) {
        return new Sql(text, List.of(value), kind);
    }

    /** Joins pieces, keeping their values in order; {@code parts} mixes String and Sql. */
    static Sql join(Kind kind, Object... parts) {
        StringBuilder text = new StringBuilder();
        List<Object> parameters = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof Sql sql) {
                text.append(sql.text());
                parameters.addAll(sql.parameters());
            } else {
                text.append(part);
            }
        }
        return new Sql(text.toString(), parameters, kind);
    }

    /** Joins pieces with a separator. */
    static Sql list(Kind kind, String separator, List<Sql> items) {
        Object[] parts = new Object[Math.max(0, items.size() * 2 - 1)];
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                parts[2 * i - 1] = separator;
            }
            parts[2 * i] = items.get(i);
        }
        return join(kind, parts);
    }

    Sql withKind(Kind newKind) {
        return new Sql(text, parameters, newKind);
    }
}
