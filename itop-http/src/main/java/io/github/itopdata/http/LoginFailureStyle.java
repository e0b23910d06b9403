package io.github.itopdata.http;

/**
 * The response of a service to a failed login. Both send HTTP 401 with {@code X-Itop-Exit-Code: 255};
 * they differ in the body and in when {@code WWW-Authenticate} is sent.
 */
public enum LoginFailureStyle {
    /**
     * Import and synchro pages: the body is the line {@code Invalid login} that data collectors
     * parse, and {@code WWW-Authenticate} is sent only when the request used basic
     * authentication.
     */
    RETURN_LINE,
    /**
     * Export and cron pages: {@code WWW-Authenticate: Basic realm="iTop"} is always sent, with
     * a one-line text body saying that access is restricted.
     */
    PROMPT
}
