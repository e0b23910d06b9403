package io.github.itopdata.core.auth;

import java.time.Instant;
import java.util.Optional;

/**
 * A personal API token as listed to its owner or an administrator. The secret itself is never
 * stored and is shown only once, by {@link ApiTokens#create}.
 *
 * @param id identifier used to revoke the token
 * @param login the owner's login
 * @param description what the owner wrote to recognize the token
 * @param createdAt creation time
 * @param expiresAt time after which the token is rejected
 * @param lastUsedAt time of the last successful login with the token, if any
 * @param revokedAt time the token was revoked, if it was
 */
public record ApiToken(long id, String login, String description, Instant createdAt, Instant expiresAt,
        Optional<Instant> lastUsedAt, Optional<Instant> revokedAt) {

    /** Returns whether the token would be accepted at the given time. */
    public boolean isActiveAt(Instant time) {
        return revokedAt.isEmpty() && time.isBefore(expiresAt);
    }
}
