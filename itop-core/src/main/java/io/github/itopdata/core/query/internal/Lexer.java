package io.github.itopdata.core.query.internal;

import io.github.itopdata.core.query.OqlException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an OQL query into tokens, longest match first.
 *
 * <p>Keywords are upper-case only; in the multi-word tokens ({@code NOT LIKE}, {@code BELOW
 * STRICT} ...) any non-empty run of whitespace separates the words. A character that starts no
 * token, a malformed string or a lone {@code :} raises a lexical {@link OqlException} at that
 * character (at the opening quote for a string).
 */
public final class Lexer {

    private final String query;
    private int offset;

    private Lexer(String query) {
        this.query = query;
    }

    /** Returns every token of {@code query}, ending with one {@link TokenType#END}. */
    public static List<Token> tokenize(String query) {
        return new Lexer(query).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (offset >= query.length()) {
                tokens.add(new Token(TokenType.END, "", "", query.length()));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token next() {
        int start = offset;
        char c = query.charAt(offset);
        if (isNameStart(c)) {
            return word(start);
        }
        if (c == '`') {
            return quotedName(start);
        }
        if (c >= '0' && c <= '9') {
            return number(start);
        }
        if (c == '"' || c == '\'') {
            return string(start, c);
        }
        if (c == ':') {
            return parameter(start);
        }
        return operator(start, c);
    }

    private Token word(int start) {
        String word = readName();
        TokenType type = TokenType.word(word);
        if (word.equals("NOT")) {
            return multiWordAfterNot(start);
        }
        if (type == TokenType.BELOW || type == TokenType.ABOVE) {
            if (followedByWord("STRICT")) {
                return token(type == TokenType.BELOW ? TokenType.BELOW_STRICT : TokenType.ABOVE_STRICT, start);
            }
        }
        if (type == null) {
            return new Token(TokenType.NAME, word, word, start);
        }
        return token(type, start);
    }

    /** Reads {@code NOT LIKE}, {@code NOT IN}, {@code NOT BELOW [STRICT]}, {@code NOT ABOVE [STRICT]}; a bare NOT is a name. */
    private Token multiWordAfterNot(int start) {
        int afterNot = offset;
        if (followedByWord("LIKE")) {
            return token(TokenType.NOT_LIKE, start);
        }
        if (followedByWord("IN")) {
            return token(TokenType.NOT_IN, start);
        }
        if (followedByWord("BELOW")) {
            return token(followedByWord("STRICT") ? TokenType.NOT_BELOW_STRICT : TokenType.NOT_BELOW, start);
        }
        if (followedByWord("ABOVE")) {
            return token(followedByWord("STRICT") ? TokenType.NOT_ABOVE_STRICT : TokenType.NOT_ABOVE, start);
        }
        offset = afterNot;
        return new Token(TokenType.NAME, "NOT", "NOT", start);
    }

    /** Consumes whitespace then {@code word} when the next word is exactly that; otherwise consumes nothing. */
    private boolean followedByWord(String word) {
        int mark = offset;
        int probe = offset;
        while (probe < query.length() && isWhitespace(query.charAt(probe))) {
            probe++;
        }
        if (probe == offset || !query.startsWith(word, probe)) {
            return false;
        }
        int end = probe + word.length();
        if (end < query.length() && isNamePart(query.charAt(end))) {
            return false;
        }
        offset = end;
        return mark != end;
    }

    private Token token(TokenType type, int start) {
        String text = query.substring(start, offset);
        return new Token(type, text, text, start);
    }

    private Token quotedName(int start) {
        int close = query.indexOf('`', start + 1);
        if (close < 0 || close == start + 1) {
            throw lexical(start);
        }
        offset = close + 1;
        return new Token(TokenType.NAME, query.substring(start, offset), query.substring(start + 1, close), start);
    }

    private Token number(int start) {
        if (query.startsWith("0x", start) && start + 2 < query.length() && isHexDigit(query.charAt(start + 2))) {
            offset = start + 2;
            while (offset < query.length() && isHexDigit(query.charAt(offset))) {
                offset++;
            }
            return token(TokenType.HEXVAL, start);
        }
        while (offset < query.length() && query.charAt(offset) >= '0' && query.charAt(offset) <= '9') {
            offset++;
        }
        return token(TokenType.NUMVAL, start);
    }

    /** Reads a quoted string: only the own quote and the backslash may be escaped. */
    private Token string(int start, char quote) {
        StringBuilder value = new StringBuilder();
        int i = start + 1;
        while (i < query.length()) {
            char c = query.charAt(i);
            if (c == quote) {
                offset = i + 1;
                return new Token(TokenType.STRVAL, query.substring(start, offset), value.toString(), start);
            }
            if (c == '\\') {
                if (i + 1 >= query.length()) {
                    break;
                }
                char escaped = query.charAt(i + 1);
                if (escaped != quote && escaped != '\\') {
                    break;
                }
                value.append(escaped);
                i += 2;
                continue;
            }
            value.append(c);
            i++;
        }
        throw lexical(start);
    }

    private Token parameter(int start) {
        offset = start + 1;
        if (offset >= query.length() || !isNameStart(query.charAt(offset))) {
            throw lexical(start);
        }
        String name = readName();
        if (query.startsWith("->", offset) && offset + 2 < query.length() && isNameStart(query.charAt(offset + 2))) {
            offset += 2;
            name = name + "->" + readName();
        }
        return new Token(TokenType.VARNAME, query.substring(start, offset), name, start);
    }

    private Token operator(int start, char c) {
        char next = start + 1 < query.length() ? query.charAt(start + 1) : '\0';
        TokenType type;
        int length = 1;
        switch (c) {
            case '=' -> type = TokenType.EQ;
            case '!' -> {
                if (next != '=') {
                    throw lexical(start);
                }
                type = TokenType.NOT_EQ;
                length = 2;
            }
            case '<' -> {
                type = next == '=' ? TokenType.LE : next == '<' ? TokenType.BITWISE_LEFT_SHIFT : TokenType.LT;
                length = type == TokenType.LT ? 1 : 2;
            }
            case '>' -> {
                type = next == '=' ? TokenType.GE : next == '>' ? TokenType.BITWISE_RIGHT_SHIFT : TokenType.GT;
                length = type == TokenType.GT ? 1 : 2;
            }
            case '+' -> type = TokenType.MATH_PLUS;
            case '-' -> type = TokenType.MATH_MINUS;
            case '*' -> type = TokenType.MATH_MULTIPLY;
            case '/' -> type = TokenType.MATH_DIVIDE;
            case '&' -> type = TokenType.BITWISE_AND;
            case '|' -> type = TokenType.BITWISE_OR;
            case '^' -> type = TokenType.BITWISE_XOR;
            case '(' -> type = TokenType.PAR_OPEN;
            case ')' -> type = TokenType.PAR_CLOSE;
            case ',' -> type = TokenType.COMA;
            case '.' -> type = TokenType.DOT;
            default -> throw lexical(start);
        }
        offset = start + length;
        return token(type, start);
    }

    private String readName() {
        int start = offset;
        while (offset < query.length() && isNamePart(query.charAt(offset))) {
            offset++;
        }
        return query.substring(start, offset);
    }

    private void skipWhitespace() {
        while (offset < query.length() && isWhitespace(query.charAt(offset))) {
            offset++;
        }
    }

    /** Builds the lexical error for the character at {@code position}: its line (from 1) and the character. */
    private OqlException lexical(int position) {
        int line = 1;
        for (int i = 0; i < position; i++) {
            if (query.charAt(i) == '\n') {
                line++;
            }
        }
        String character = new String(Character.toChars(query.codePointAt(position)));
        return new OqlException(OqlException.Kind.LEXICAL, "Unexpected input at line " + line + ": " + character,
                character, position, query);
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isNameStart(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }

    private static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
