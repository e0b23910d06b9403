package io.github.itopdata.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {

    @TempDir
    Path temp;

    @Test
    void firstStartCreatesClusterAndMigrates() {
        Path dataDir = temp.resolve("data");

        try (Database database = Database.open(DatabaseSettings.embedded(dataDir)).migrate()) {
            assertThat(database.isEmbedded()).isTrue();
            assertThat(dataDir.resolve("postgres/PG_VERSION")).exists();
            assertThat(dataDir.resolve("itop.lock")).exists();
            Integer version = query(database.jdbi(),
                    "SELECT max(version) FROM itop_schema_migration WHERE component = 'db'", Integer.class);
            assertThat(version).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void serverListensOnLoopbackOnly() {
        try (Database database = Database.open(DatabaseSettings.embedded(temp.resolve("data")))) {
            assertThat(query(database.jdbi(), "SHOW listen_addresses", String.class)).isEqualTo("localhost");
            assertThat(query(database.jdbi(), "SELECT host(inet_server_addr())", String.class))
                    .isIn("127.0.0.1", "::1");
        }
    }

    @Test
    void restartKeepsDataAndStopsCleanly() {
        Path dataDir = temp.resolve("data");
        try (Database database = Database.open(DatabaseSettings.embedded(dataDir)).migrate()) {
            database.jdbi().useHandle(handle -> handle.execute(
                    "INSERT INTO itop_setting (name, value) VALUES ('kept', 'across restarts')"));
        }
        assertThat(dataDir.resolve("postgres/postmaster.pid")).doesNotExist();

        try (Database database = Database.open(DatabaseSettings.embedded(dataDir)).migrate()) {
            String value = query(database.jdbi(), "SELECT value FROM itop_setting WHERE name = 'kept'", String.class);
            assertThat(value).isEqualTo("across restarts");
        }
    }

    @Test
    void twoDataDirectoriesRunAtOnce() {
        try (Database first = Database.open(DatabaseSettings.embedded(temp.resolve("one")));
             Database second = Database.open(DatabaseSettings.embedded(temp.resolve("two")))) {
            int firstPort = query(first.jdbi(), "SELECT inet_server_port()", Integer.class);
            int secondPort = query(second.jdbi(), "SELECT inet_server_port()", Integer.class);

            assertThat(firstPort).isNotEqualTo(secondPort);
            assertThat(query(second.jdbi(), "SELECT 1", Integer.class)).isEqualTo(1);
        }
    }

    @Test
    void sameProcessOpenGivesUp() {
        Path dataDir = temp.resolve("data");
        try (Database holder = Database.open(DatabaseSettings.embedded(dataDir))) {
            DatabaseSettings impatient = DatabaseSettings.embedded(dataDir).withLockWait(Duration.ZERO);

            assertThatThrownBy(() -> Database.open(impatient))
                    .isInstanceOf(DataDirectoryLockedException.class)
                    .hasMessageContaining("is in use by pid " + ProcessHandle.current().pid())
                    .hasMessageContaining("data_dir_lock_wait");
            assertThat(query(holder.jdbi(), "SELECT 1", Integer.class))
                    .as("the holder keeps its lock and server after the failed attempt")
                    .isEqualTo(1);
        }
        try (Database next = Database.open(DatabaseSettings.embedded(dataDir).withLockWait(Duration.ZERO))) {
            assertThat(query(next.jdbi(), "SELECT 1", Integer.class)).isEqualTo(1);
        }
    }

    @Test
    void caseMappingFollowsUnicode() {
        try (Database database = Database.open(DatabaseSettings.embedded(temp.resolve("data")))) {
            assertThat(query(database.jdbi(), "SELECT lower('ÉTÉ Ångström')", String.class)).isEqualTo("été ångström");
            assertThat(query(database.jdbi(), "SELECT pg_encoding_to_char(encoding) FROM pg_database"
                    + " WHERE datname = current_database()", String.class)).isEqualTo("UTF8");
        }
    }

    @Test
    void closeTwiceIsHarmless() {
        Database database = Database.open(DatabaseSettings.embedded(temp.resolve("data")));
        database.close();
        database.close();
        assertThat(Files.exists(temp.resolve("data/postgres/postmaster.pid"))).isFalse();
    }

    @Test
    void connectionWithoutPasswordIsRejected() throws Exception {
        Path dataDir = temp.resolve("data");
        try (Database database = Database.open(DatabaseSettings.embedded(dataDir))) {
            int port = query(database.jdbi(), "SELECT inet_server_port()", Integer.class);
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";

            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", ""))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "wrong-password"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
            assertThat(Files.getPosixFilePermissions(dataDir.resolve("postgres.password")))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
    }

    private static <T> T query(Jdbi jdbi, String sql, Class<T> type) {
        return jdbi.withHandle(handle -> handle.createQuery(sql).mapTo(type).one());
    }
}
