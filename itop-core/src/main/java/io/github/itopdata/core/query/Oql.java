package io.github.itopdata.core.query;

import io.github.itopdata.core.query.internal.DeepStack;
import io.github.itopdata.core.query.internal.Parser;

/** Entry point for reading OQL text. */
public final class Oql {

    /** Deepest nesting (parentheses, function calls, IN lists and sub-queries) a query may have. */
    public static final int MAX_NESTING = Parser.MAX_NESTING;

    private Oql() {
    }

    /**
     * Parses an OQL statement without looking at the model.
     *
     * @throws OqlException with {@link OqlException.Kind#LEXICAL} or {@link OqlException.Kind#SYNTAX}
     */
    public static OqlQuery parse(String query) {
        return DeepStack.run(query, () -> Parser.parse(query));
    }
}
