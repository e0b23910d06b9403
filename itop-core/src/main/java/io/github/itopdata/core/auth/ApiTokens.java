package io.github.itopdata.core.auth;

import io.github.itopdata.core.auth.internal.TokenDigest;
import io.github.itopdata.core.db.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Personal API tokens: each belongs to one user, carries exactly that user's rights, expires,
 * and can be revoked. Only the SHA-256 digest of a token is stored.
 */
public final class ApiTokens {

    /** Validity of a token when its creator gives none. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(90);

    private static final Logger LOG = LoggerFactory.getLogger(ApiTokens.class);
    private static final String SELECT_TOKEN = "SELECT t.id, u.login, t.description, t.created_at, t.expires_at,"
            + " t.last_used_at, t.revoked_at, t.user_id FROM itop_api_token t JOIN itop_user u ON u.id = t.user_id";

    private final Jdbi jdbi;

    public ApiTokens(Database database) {
        this(database.jdbi());
    }

    public ApiTokens(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A token just created: {@code secret} is shown to the user once and never stored. */
    public record CreatedToken(ApiToken token, String secret) {
    }

    /**
     * Creates a token for the user.
     *
     * @param validity how long the token is accepted, positive
     * @throws AuthException if the user does not exist or the validity is not positive
     */
    public CreatedToken create(String login, String description, Duration validity) {
        if (validity.isZero() || validity.isNegative()) {
            throw new AuthException("Invalid token validity " + validity + ": it must be positive");
        }
        String secret = TokenDigest.newToken();
        Instant expiresAt = Instant.now().plus(validity);
        ApiToken token = jdbi.inTransaction(handle -> {
            long userId = Users.requireId(handle, login);
            long id = handle.createUpdate("INSERT INTO itop_api_token (user_id, token_sha256, description, expires_at)"
                            + " VALUES (:user, :digest, :description, :expires)")
                    .bind("user", userId)
                    .bind("digest", TokenDigest.sha256(secret))
                    .bind("description", description == null ? "" : description)
                    .bind("expires", Timestamp.from(expiresAt))
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one();
            return handle.createQuery(SELECT_TOKEN + " WHERE t.id = :id")
                    .bind("id", id)
                    .map((rows, context) -> readToken(rows))
                    .one();
        });
        LOG.info("Created API token {} for user '{}', expires at {}", token.id(), token.login(), token.expiresAt());
        return new CreatedToken(token, secret);
    }

    /** Lists the tokens of one user, or of every user when the login is empty. */
    public List<ApiToken> list(Optional<String> login) {
        return jdbi.withHandle(handle -> handle
                .createQuery(SELECT_TOKEN + " WHERE (:login IS NULL OR lower(u.login) = lower(:login)) ORDER BY t.id")
                .bind("login", login.orElse(null))
                .map((rows, context) -> readToken(rows))
                .list());
    }

    /**
     * Revokes a token; revoking it again changes nothing.
     *
     * @throws AuthException if no token has this id
     */
    public void revoke(long id) {
        int found = jdbi.withHandle(handle -> handle
                .createUpdate("UPDATE itop_api_token SET revoked_at = coalesce(revoked_at, now()) WHERE id = :id")
                .bind("id", id)
                .execute());
        if (found == 0) {
            throw new AuthException("API token " + id + " not found; list the tokens with 'itop token list'");
        }
        LOG.info("Revoked API token {}", id);
    }

    /** Finds the token whose digest matches, active or not, with its owner. */
    Optional<TokenOwner> findBySecret(String secret) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT_TOKEN + " WHERE t.token_sha256 = :digest")
                .bind("digest", TokenDigest.sha256(secret))
                .map((rows, context) -> new Object[] {readToken(rows), rows.getLong("user_id")})
                .findOne()
                .map(row -> new TokenOwner((ApiToken) row[0], Users.load(handle, (Long) row[1]))));
    }

    void recordUse(long id) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE itop_api_token SET last_used_at = now() WHERE id = :id")
                .bind("id", id)
                .execute());
    }

    private static ApiToken readToken(ResultSet rows) throws SQLException {
        return new ApiToken(rows.getLong("id"), rows.getString("login"), rows.getString("description"),
                rows.getTimestamp("created_at").toInstant(), rows.getTimestamp("expires_at").toInstant(),
                optionalInstant(rows.getTimestamp("last_used_at")), optionalInstant(rows.getTimestamp("revoked_at")));
    }

    private static Optional<Instant> optionalInstant(Timestamp timestamp) {
        return Optional.ofNullable(timestamp).map(Timestamp::toInstant);
    }

    record TokenOwner(ApiToken token, User user) {
    }
}
