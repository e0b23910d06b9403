package io.github.itopdata.core.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a login check: the user on success, otherwise why it failed. Every failure
 * reads the same to the client (a wrong password); the reason is for logs and tests.
 *
 * @param login the login that was tried, or the owner's login for a token; empty for an
 *     unknown token
 * @param user the authenticated user, present only on success
 * @param failure why the login failed, present only on failure
 */
public record LoginResult(String login, Optional<User> user, Optional<Failure> failure) {

    /** Reason a login failed. */
    public enum Failure {
        /** Unknown login, wrong password, or a user without a password. */
        WRONG_CREDENTIALS,
        /** The token matches no stored token. */
        UNKNOWN_TOKEN,
        /** The token's expiry time has passed. */
        EXPIRED_TOKEN,
        /** The token was revoked. */
        REVOKED_TOKEN,
        /** The thread was interrupted while the attempt was delayed. */
        INTERRUPTED
    }

    public LoginResult {
        Objects.requireNonNull(login, "login");
        if (user.isPresent() == failure.isPresent()) {
            throw new IllegalArgumentException("A login result has either a user or a failure");
        }
    }

    static LoginResult success(User user) {
        return new LoginResult(user.login(), Optional.of(user), Optional.empty());
    }

    static LoginResult failure(String login, Failure failure) {
        return new LoginResult(login, Optional.empty(), Optional.of(failure));
    }

    public boolean succeeded() {
        return user.isPresent();
    }
}
