package io.github.itopdata.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.testing.PostgresExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthenticatorTest {

    private final List<Duration> delays = new ArrayList<>();
    private Authenticator authenticator;
    private Users users;
    private ApiTokens tokens;

    @BeforeAll
    void createUsers(Database database) {
        users = new Users(database);
        tokens = new ApiTokens(database);
        users.create("alice", "pa:ss", Set.of(Profile.CONFIGURATION_MANAGER));
        users.create("tokenonly", null, Set.of(Profile.READER));
        authenticator = new Authenticator(database.jdbi(), ThrottlePolicy.DEFAULT, delays::add);
    }

    @BeforeEach
    void clearFailures(Database database) {
        delays.clear();
        database.jdbi().useHandle(handle -> handle.execute("DELETE FROM itop_login_failure"));
    }

    @Test
    void rightPasswordLogsIn() {
        LoginResult result = authenticator.checkPassword("ALICE", "pa:ss", "127.0.0.1");

        assertThat(result.succeeded()).isTrue();
        assertThat(result.user().orElseThrow().login()).isEqualTo("alice");
        assertThat(result.user().orElseThrow().profiles()).containsExactly(Profile.CONFIGURATION_MANAGER);
    }

    @Test
    void wrongPasswordFails() {
        LoginResult result = authenticator.checkPassword("alice", "pa", "127.0.0.1");

        assertThat(result.succeeded()).isFalse();
        assertThat(result.failure()).contains(LoginResult.Failure.WRONG_CREDENTIALS);
    }

    @Test
    void unknownLoginFailsLikeWrongPassword() {
        LoginResult result = authenticator.checkPassword("mallory", "pa:ss", "127.0.0.1");

        assertThat(result.failure()).contains(LoginResult.Failure.WRONG_CREDENTIALS);
    }

    @Test
    void userWithoutPasswordCannotLogInWithPassword() {
        assertThat(authenticator.checkPassword("tokenonly", "", "127.0.0.1").succeeded()).isFalse();
        assertThat(authenticator.checkPassword("tokenonly", "x", "127.0.0.1").succeeded()).isFalse();
    }

    @Test
    void failuresDelayAttemptsUpToMaximum() {
        for (int attempt = 0; attempt < 12; attempt++) {
            authenticator.checkPassword("alice", "wrong", "10.0.0.9");
        }

        assertThat(delays).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8), Duration.ofSeconds(16), Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    @Test
    void throttlingIsPerLoginAndAddress() {
        for (int attempt = 0; attempt < 5; attempt++) {
            authenticator.checkPassword("alice", "wrong", "10.0.0.1");
        }

        authenticator.checkPassword("alice", "pa:ss", "10.0.0.2");
        authenticator.checkPassword("tokenonly", "x", "10.0.0.1");
        assertThat(delays).isEmpty();

        LoginResult delayedButRight = authenticator.checkPassword("alice", "pa:ss", "10.0.0.1");
        assertThat(delays).containsExactly(Duration.ofSeconds(1));
        assertThat(delayedButRight.succeeded()).isTrue();
    }

    @Test
    void successClearsFailureCount() {
        for (int attempt = 0; attempt < 4; attempt++) {
            authenticator.checkPassword("alice", "wrong", "10.0.0.3");
        }
        authenticator.checkPassword("alice", "pa:ss", "10.0.0.3");

        authenticator.checkPassword("alice", "wrong", "10.0.0.3");
        authenticator.checkPassword("alice", "wrong", "10.0.0.3");

        assertThat(delays).isEmpty();
    }

    @Test
    void validTokenLogsInAsItsOwner() {
        String secret = tokens.create("tokenonly", "ci job", Duration.ofDays(1)).secret();

        LoginResult result = authenticator.checkToken(secret, "127.0.0.1");

        assertThat(result.user().orElseThrow().login()).isEqualTo("tokenonly");
        assertThat(tokens.list(Optional.of("tokenonly")))
                .anySatisfy(token -> assertThat(token.lastUsedAt()).isPresent());
    }

    @Test
    void revokedTokenFails() {
        ApiTokens.CreatedToken created = tokens.create("alice", "old", Duration.ofDays(1));
        tokens.revoke(created.token().id());

        LoginResult result = authenticator.checkToken(created.secret(), "127.0.0.1");

        assertThat(result.failure()).contains(LoginResult.Failure.REVOKED_TOKEN);
    }

    @Test
    void expiredTokenFails(Database database) {
        ApiTokens.CreatedToken created = tokens.create("alice", "short", Duration.ofDays(1));
        database.jdbi().useHandle(handle -> handle
                .createUpdate("UPDATE itop_api_token SET expires_at = now() - interval '1 second' WHERE id = :id")
                .bind("id", created.token().id())
                .execute());

        LoginResult result = authenticator.checkToken(created.secret(), "127.0.0.1");

        assertThat(result.failure()).contains(LoginResult.Failure.EXPIRED_TOKEN);
    }

    @Test
    void unknownTokenFails() {
        LoginResult result = authenticator.checkToken("itop_not-a-real-token", "127.0.0.1");

        assertThat(result.failure()).contains(LoginResult.Failure.UNKNOWN_TOKEN);
    }

    @Test
    void tokenIsStoredOnlyAsDigest(Database database) {
        String secret = tokens.create("alice", "digest check", Duration.ofDays(1)).secret();

        List<String> stored = database.jdbi().withHandle(handle -> handle
                .createQuery("SELECT token_sha256 FROM itop_api_token").mapTo(String.class).list());

        assertThat(secret).startsWith("itop_");
        assertThat(stored).noneMatch(value -> value.contains(secret.substring(5)));
        assertThat(stored).allMatch(value -> value.matches("[0-9a-f]{64}"));
    }

    @Test
    void listedTokensShowExpiryAndRevocation() {
        ApiTokens.CreatedToken created = tokens.create("tokenonly", "listed", Duration.ofDays(7));
        tokens.revoke(created.token().id());

        ApiToken listed = tokens.list(Optional.empty()).stream()
                .filter(token -> token.id() == created.token().id())
                .findFirst()
                .orElseThrow();

        assertThat(listed.login()).isEqualTo("tokenonly");
        assertThat(listed.description()).isEqualTo("listed");
        assertThat(listed.expiresAt()).isAfter(listed.createdAt().plus(Duration.ofDays(6)));
        assertThat(listed.revokedAt()).isPresent();
        assertThat(listed.isActiveAt(listed.createdAt())).isFalse();
    }
}
