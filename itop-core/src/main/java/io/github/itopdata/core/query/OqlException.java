package io.github.itopdata.core.query;

import java.util.List;

/**
 * An OQL query that cannot be read or does not fit the model.
 *
 * <p>Carries the issue, the offending text, its 0-based character position in the query, the
 * query itself and, for names that were not found, the valid names and the closest one.
 * {@link #getMessage()} is the one-line form that scripts parse:
 * {@code <issue> - found '<text>' at <pos> in '<query>'[, expecting {...}, I would suggest to use '<s>']}.
 * A lexical error (a character that starts no token) reads
 * {@code Unexpected input at line <n>: <char>} instead. {@link #withCaret()} adds the query and a
 * caret under the position.
 */
public final class OqlException extends RuntimeException {

    /** Steps that reject a query. */
    public enum Kind { LEXICAL, SYNTAX, MODEL, PARAMETER }

    /** Longest expected list shown in messages; the rest is counted. */
    static final int MAX_EXPECTED_SHOWN = 10;

    private final Kind kind;
    private final String issue;
    private final String text;
    private final int position;
    private final String query;
    private final List<String> expected;
    private final String suggestion;

    public OqlException(Kind kind, String issue, String text, int position, String query,
                        List<String> expected, String suggestion) {
        this(kind, issue, text, position, query, expected, suggestion, false);
    }

    private OqlException(Kind kind, String issue, String text, int position, String query,
                         List<String> expected, String suggestion, boolean bare) {
        super(bare ? issue : render(kind, issue, text, position, query, expected, suggestion));
        this.kind = kind;
        this.issue = issue;
        this.text = text;
        this.position = position;
        this.query = query;
        this.expected = expected == null ? List.of() : List.copyOf(expected);
        this.suggestion = suggestion == null ? "" : suggestion;
    }

    public OqlException(Kind kind, String issue, String text, int position, String query) {
        this(kind, issue, text, position, query, null, null);
    }

    /**
     * Builds the error for a query that ends where more was expected:
     * {@code Unexpected end of query at <length>: expecting <what>}.
     */
    public static OqlException endOfQuery(String query, String expecting) {
        return new OqlException(Kind.SYNTAX, "Unexpected end of query at " + query.length() + ": expecting " + expecting,
                "", query.length(), query, null, null, true);
    }

    /** Builds the error for a query nested deeper than the parser accepts. */
    public static OqlException tooDeeplyNested(String query, int position) {
        return new OqlException(Kind.SYNTAX, "query too deeply nested", "(", position, query, null, null, true);
    }

    /** Builds the error for an arithmetic or bitwise operator applied to a comparison result. */
    public static OqlException arithmeticOnComparison(String query, int position) {
        return new OqlException(Kind.MODEL, "Arithmetic on a comparison result at " + position
                + ": add parentheses, e.g. a = (b - 1)", "", position, query, null, null, true);
    }

    private static String render(Kind kind, String issue, String text, int position, String query,
                                 List<String> expected, String suggestion) {
        if (kind == Kind.LEXICAL || kind == Kind.PARAMETER) {
            return issue;
        }
        StringBuilder out = new StringBuilder(issue)
                .append(" - found '").append(text).append("' at ").append(position)
                .append(" in '").append(query).append('\'');
        if (expected != null && !expected.isEmpty()) {
            out.append(", expecting {").append(shorten(expected, text)).append('}')
                    .append(", I would suggest to use '").append(suggestion == null ? "" : suggestion).append('\'');
        }
        return out.toString();
    }

    private static String shorten(List<String> expected, String target) {
        if (expected.size() <= MAX_EXPECTED_SHOWN) {
            return String.join(", ", expected);
        }
        List<String> closest = Suggestions.closest(expected, target == null ? "" : target, MAX_EXPECTED_SHOWN);
        return String.join(", ", closest) + ", …and " + (expected.size() - closest.size()) + " more";
    }

    public Kind kind() {
        return kind;
    }

    public String issue() {
        return issue;
    }

    /** Returns the offending text: a token, a name, or the character that starts no token. */
    public String text() {
        return text;
    }

    /** Returns the 0-based character offset of the offending text in {@link #query()}. */
    public int position() {
        return position;
    }

    public String query() {
        return query;
    }

    public List<String> expected() {
        return expected;
    }

    /** Returns the closest expected name, or an empty string when none is within distance 3. */
    public String suggestion() {
        return suggestion;
    }

    /**
     * Returns the message followed by the query's line holding the position and a caret under
     * the offending character, for plain-text outputs (CLI, plain HTTP bodies).
     */
    public String withCaret() {
        if (query == null || position < 0 || position > query.length()) {
            return getMessage();
        }
        int lineStart = query.lastIndexOf('\n', Math.max(0, position - 1)) + 1;
        if (position == 0) {
            lineStart = 0;
        }
        int lineEnd = query.indexOf('\n', position);
        String line = query.substring(lineStart, lineEnd < 0 ? query.length() : lineEnd);
        StringBuilder caret = new StringBuilder();
        for (int i = lineStart; i < position; i++) {
            caret.append(query.charAt(i) == '\t' ? '\t' : ' ');
        }
        return getMessage() + "\n" + line + "\n" + caret + "^";
    }
}
