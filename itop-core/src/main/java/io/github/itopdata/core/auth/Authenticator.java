package io.github.itopdata.core.auth;

import io.github.itopdata.core.auth.ApiTokens.TokenOwner;
import io.github.itopdata.core.auth.Users.StoredUser;
import io.github.itopdata.core.auth.internal.LoginThrottle;
import io.github.itopdata.core.auth.internal.PasswordHasher;
import io.github.itopdata.core.db.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks logins and passwords, and API tokens, for every front-end.
 *
 * <p>Failed logins are recorded per login and client address. Once one login has failed
 * {@link ThrottlePolicy#maxFailures()} times from one address within the policy's window, each
 * further attempt waits before it is checked (1 s doubling up to 30 s by default), whatever the
 * password; a success clears the count. Every failure is logged with the login and the address,
 * never the password or the token.
 *
 * <p>Instances are thread-safe; one per process is enough.
 */
public final class Authenticator {

    /** Login under which failed attempts with unknown tokens are counted and logged. */
    public static final String TOKEN_LOGIN = "(API token)";

    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);

    /** Waits before a throttled attempt. Tests pass one that records the delay instead. */
    @FunctionalInterface
    public interface Delayer {
        void delay(Duration duration) throws InterruptedException;
    }

    private final Users users;
    private final ApiTokens tokens;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final Delayer delayer;

    /** Creates an authenticator with the default throttling policy. */
    public Authenticator(Database database) {
        this(database.jdbi(), ThrottlePolicy.DEFAULT, duration -> Thread.sleep(duration.toMillis()));
    }

    public Authenticator(Jdbi jdbi, ThrottlePolicy policy, Delayer delayer) {
        this.hasher = new PasswordHasher();
        this.users = new Users(jdbi, hasher);
        this.tokens = new ApiTokens(jdbi);
        this.throttle = new LoginThrottle(jdbi, policy);
        this.delayer = delayer;
    }

    /**
     * Checks a login and password.
     *
     * @param address the client's address, such as {@code 127.0.0.1}, or {@code cli} for the
     *     command line; failures are counted per login and address
     */
    public LoginResult checkPassword(String login, String password, String address) {
        if (!waitIfThrottled(login, address)) {
            return LoginResult.failure(login, LoginResult.Failure.INTERRUPTED);
        }

        Optional<StoredUser> stored = users.findForLogin(login);
        boolean matches;
        if (stored.isEmpty() || stored.get().passwordHash() == null) {
            hasher.verifyDecoy(password);
            matches = false;
        } else {
            matches = hasher.matches(password, stored.get().passwordHash());
        }

        if (!matches) {
            throttle.recordFailure(login, address, stored.isEmpty() ? "unknown login" : "wrong password");
            return LoginResult.failure(login, LoginResult.Failure.WRONG_CREDENTIALS);
        }
        throttle.recordSuccess(login, address);
        LOG.debug("User '{}' logged in from {} with a password", login, address);
        return LoginResult.success(stored.get().user());
    }

    /**
     * Checks a personal API token. A revoked, expired or unknown token fails like a wrong
     * password.
     */
    public LoginResult checkToken(String token, String address) {
        if (!waitIfThrottled(TOKEN_LOGIN, address)) {
            return LoginResult.failure(TOKEN_LOGIN, LoginResult.Failure.INTERRUPTED);
        }

        Optional<TokenOwner> found = tokens.findBySecret(token);
        if (found.isEmpty()) {
            throttle.recordFailure(TOKEN_LOGIN, address, "unknown token");
            return LoginResult.failure(TOKEN_LOGIN, LoginResult.Failure.UNKNOWN_TOKEN);
        }
        ApiToken apiToken = found.get().token();
        User owner = found.get().user();
        if (apiToken.revokedAt().isPresent()) {
            throttle.recordFailure(owner.login(), address, "revoked token " + apiToken.id());
            return LoginResult.failure(owner.login(), LoginResult.Failure.REVOKED_TOKEN);
        }
        if (!Instant.now().isBefore(apiToken.expiresAt())) {
            throttle.recordFailure(owner.login(), address, "token " + apiToken.id() + " expired at "
                    + apiToken.expiresAt());
            return LoginResult.failure(owner.login(), LoginResult.Failure.EXPIRED_TOKEN);
        }

        tokens.recordUse(apiToken.id());
        LOG.debug("User '{}' logged in from {} with token {}", owner.login(), address, apiToken.id());
        return LoginResult.success(owner);
    }

    private boolean waitIfThrottled(String login, String address) {
        Duration delay = throttle.delayBeforeAttempt(login, address);
        if (delay.isZero()) {
            return true;
        }
        LOG.warn("Delaying the login of '{}' from {} by {} ms after repeated failures", login, address,
                delay.toMillis());
        try {
            delayer.delay(delay);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
