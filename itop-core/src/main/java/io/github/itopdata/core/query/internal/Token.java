package io.github.itopdata.core.query.internal;

/**
 * One OQL token.
 *
 * @param type     token type
 * @param text     the source text of the token as written
 * @param value    the decoded value: a name without back-quotes, a string without quotes or
 *                 escapes, a parameter name without its colon
 * @param position 0-based offset of the token's first character in the query
 */
public record Token(TokenType type, String text, String value, int position) {
}
