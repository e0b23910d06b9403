package io.github.itopdata.core.auth;

/** A user or token operation was rejected: unknown user, duplicate login, invalid value. */
public class AuthException extends RuntimeException {

    public AuthException(String message) {
        super(message);
    }

    public AuthException(String message, Throwable cause) {
        super(message, cause);
    }
}
