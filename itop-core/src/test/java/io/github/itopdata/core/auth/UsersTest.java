package io.github.itopdata.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.testing.PostgresExtension;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class UsersTest {

    @Test
    void createdUserIsFoundWhateverTheCase(Database database) {
        Users users = new Users(database);

        users.create("Alice", "secret", Set.of(Profile.READER));

        User found = users.find("alice").orElseThrow();
        assertThat(found.login()).isEqualTo("Alice");
        assertThat(found.profiles()).containsExactly(Profile.READER);
    }

    @Test
    void passwordIsStoredOnlyAsArgon2Hash(Database database) {
        new Users(database).create("hashed", "clear-text-password", Set.of());

        String stored = database.jdbi().withHandle(handle -> handle
                .createQuery("SELECT password_hash FROM itop_user WHERE login = 'hashed'")
                .mapTo(String.class)
                .one());
        assertThat(stored).startsWith("$argon2id$");
        assertThat(stored).doesNotContain("clear-text-password");
    }

    @Test
    void duplicateLoginIsRejected(Database database) {
        Users users = new Users(database);
        users.create("bob", "pw", Set.of());

        assertThatThrownBy(() -> users.create("BOB", "other", Set.of()))
                .isInstanceOf(AuthException.class)
                .hasMessageContaining("'BOB' already exists");
    }

    @Test
    void emptyPasswordIsRejected(Database database) {
        assertThatThrownBy(() -> new Users(database).create("carol", "", Set.of()))
                .isInstanceOf(AuthException.class)
                .hasMessageContaining("must not be empty");
    }

    @Test
    void grantAndRevokeChangeProfiles(Database database) {
        Users users = new Users(database);
        users.create("dave", "pw", Set.of(Profile.READER));

        users.grant("dave", Profile.CONFIGURATION_MANAGER);
        users.grant("dave", Profile.CONFIGURATION_MANAGER);
        User afterRevoke = users.revoke("dave", Profile.READER);

        assertThat(afterRevoke.profiles()).containsExactly(Profile.CONFIGURATION_MANAGER);
    }

    @Test
    void operationsOnUnknownUserNameTheLogin(Database database) {
        Users users = new Users(database);

        assertThatThrownBy(() -> users.setPassword("nobody", "pw")).hasMessageContaining("'nobody' not found");
        assertThatThrownBy(() -> users.grant("nobody", Profile.READER)).hasMessageContaining("'nobody' not found");
        assertThatThrownBy(() -> users.delete("nobody")).hasMessageContaining("'nobody' not found");
    }

    @Test
    void administratorPresenceIsReported(Database database) {
        Users users = new Users(PostgresExtension.openFreshDatabase("admin_presence").jdbi());
        assertThat(users.hasAdministrator()).isFalse();

        users.create("root", "pw", Set.of(Profile.ADMINISTRATOR));

        assertThat(users.hasAdministrator()).isTrue();
    }

    @Test
    void profileLabelsMatchLoosely() {
        assertThat(Profile.fromLabel("configuration_manager")).contains(Profile.CONFIGURATION_MANAGER);
        assertThat(Profile.fromLabel("Administrator")).contains(Profile.ADMINISTRATOR);
        assertThat(Profile.fromLabel("portal user")).isEmpty();
    }
}
