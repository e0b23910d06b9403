package io.github.itopdata.http.internal;

import io.github.itopdata.http.RequestValue;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * The credentials a request carries, in the order they are looked for: any non-empty
 * {@code Authorization} header (basic authentication, whatever else the request carries), an
 * {@code Auth-Token} header, an {@code auth_token} parameter, then {@code auth_user} and
 * {@code auth_pwd} parameters.
 *
 * @param kind where the credentials came from
 * @param login the login; empty for a token
 * @param secret the password or token; never logged
 * @param wellFormed false for an {@code Authorization} header that is not valid basic
 *     authentication, which fails without any lookup
 */
record Credentials(Kind kind, String login, String secret, boolean wellFormed) {

    static final String AUTH_TOKEN_HEADER = "Auth-Token";
    static final String AUTH_USER = "auth_user";
    static final String AUTH_PWD = "auth_pwd";
    static final String AUTH_TOKEN = "auth_token";

    enum Kind { BASIC, TOKEN, PARAMETERS }

    /** Reads credentials from the headers alone, which can be checked before the body is read. */
    static Optional<Credentials> fromHeaders(HttpFields headers) {
        String authorization = headers.get(HttpHeader.AUTHORIZATION);
        if (authorization != null && !authorization.isBlank()) {
            return Optional.of(parseBasic(authorization.strip()));
        }
        String token = headers.get(AUTH_TOKEN_HEADER);
        if (token != null && !token.isBlank()) {
            return Optional.of(new Credentials(Kind.TOKEN, "", token.strip(), true));
        }
        return Optional.empty();
    }

    /** Reads credentials from the request parameters. */
    static Optional<Credentials> fromParameters(Map<String, RequestValue> parameters) {
        RequestValue token = parameters.get(AUTH_TOKEN);
        if (token != null && token.size() > 0) {
            return Optional.of(new Credentials(Kind.TOKEN, "", token.text().strip(), true));
        }
        RequestValue user = parameters.get(AUTH_USER);
        if (user != null && user.size() > 0) {
            RequestValue password = parameters.get(AUTH_PWD);
            return Optional.of(new Credentials(Kind.PARAMETERS, user.text(), password == null ? "" : password.text(),
                    true));
        }
        return Optional.empty();
    }

    /**
     * Parses {@code Basic base64(login:password)}. The scheme must be {@code Basic} (any case)
     * and the login ends at the first colon, so a password may itself contain colons.
     */
    private static Credentials parseBasic(String header) {
        int space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).toLowerCase(Locale.ROOT).equals("basic")) {
            return malformed();
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(header.substring(space + 1).strip());
        } catch (IllegalArgumentException e) {
            return malformed();
        }
        String pair = new String(decoded, StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        if (colon <= 0) {
            return malformed();
        }
        return new Credentials(Kind.BASIC, pair.substring(0, colon), pair.substring(colon + 1), true);
    }

    private static Credentials malformed() {
        return new Credentials(Kind.BASIC, "", "", false);
    }

    @Override
    public String toString() {
        return "Credentials[" + kind + ", login=" + login + "]";
    }
}
