package io.github.itopdata.core.auth.internal;

import io.github.itopdata.core.auth.ThrottlePolicy;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts failed logins per login and client address in the database, so that every process
 * sharing the database slows down the same guesser.
 */
public final class LoginThrottle {

    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);

    private final Jdbi jdbi;
    private final ThrottlePolicy policy;

    public LoginThrottle(Jdbi jdbi, ThrottlePolicy policy) {
        this.jdbi = jdbi;
        this.policy = policy;
    }

    /** Returns how long the next attempt of this login from this address must wait. */
    public Duration delayBeforeAttempt(String login, String address) {
        int failures = recentFailures(login, address);
        return policy.delayAfter(failures);
    }

    /** Records a failure and logs it with the login and address (never the password). */
    public void recordFailure(String login, String address, String reason) {
        long windowSeconds = policy.window().toSeconds();
        int failures = jdbi.inTransaction(handle -> {
            handle.createUpdate("DELETE FROM itop_login_failure WHERE lower(login) = lower(:login)"
                            + " AND address = :address AND failed_at < now() - make_interval(secs => :window)")
                    .bind("login", login)
                    .bind("address", address)
                    .bind("window", windowSeconds)
                    .execute();
            handle.createUpdate("INSERT INTO itop_login_failure (login, address) VALUES (:login, :address)")
                    .bind("login", login)
                    .bind("address", address)
                    .execute();
            return countRecent(handle, login, address);
        });
        LOG.warn("Failed login for '{}' from {}: {} ({} failures in the last {} s)",
                login, address, reason, failures, windowSeconds);
    }

    /** Forgets the failures of this login from this address after a successful login. */
    public void recordSuccess(String login, String address) {
        jdbi.useHandle(handle -> handle
                .createUpdate("DELETE FROM itop_login_failure WHERE lower(login) = lower(:login) AND address = :address")
                .bind("login", login)
                .bind("address", address)
                .execute());
    }

    private int recentFailures(String login, String address) {
        return jdbi.withHandle(handle -> countRecent(handle, login, address));
    }

    private int countRecent(org.jdbi.v3.core.Handle handle, String login, String address) {
        return handle.createQuery("SELECT count(*) FROM itop_login_failure WHERE lower(login) = lower(:login)"
                        + " AND address = :address AND failed_at >= now() - make_interval(secs => :window)")
                .bind("login", login)
                .bind("address", address)
                .bind("window", policy.window().toSeconds())
                .mapTo(Integer.class)
                .one();
    }
}
