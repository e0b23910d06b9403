package io.github.itopdata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.core.db.DatabaseProbe;
import io.github.itopdata.core.db.JavaProcess;
import io.github.itopdata.core.testing.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code itop setup} and {@code itop status} run as real processes, on the embedded and an external database. */
class DatabaseCommandsProcessTest {

    @TempDir
    Path directory;

    private Map<String, String> embedded() {
        return Map.of("ITOP_DATA_DIR", directory.resolve("data").toString());
    }

    @Test
    void setupThenStatusOnEmbeddedDatabase() throws Exception {
        ItopProcess.Result setup = ItopProcess.run(directory, embedded(), "setup",
                "--admin_user=admin", "--admin_pwd=Initial-Pa55");

        assertThat(setup.exitCode()).as(setup.stderr()).isZero();
        assertThat(setup.stdout())
                .startsWith("Database: embedded PostgreSQL in " + directory.resolve("data") + "\n")
                .contains("migrations applied")
                .contains("created table")
                .contains("Administrator: admin created\n");
        assertThat(setup.stderr()).doesNotContain("Initial-Pa55");

        ItopProcess.Result status = ItopProcess.run(directory, embedded(), "status");

        assertThat(status.exitCode()).as(status.stderr()).isZero();
        assertThat(status.stdout())
                .contains("Object tables: match the configured model\n")
                .contains("Users: 1 (1 with the Administrator profile)\n")
                .contains("Total  0\n");
    }

    @Test
    void secondSetupChangesNothing() throws Exception {
        ItopProcess.Result first = ItopProcess.run(directory, embedded(), "setup",
                "--admin_user=admin", "--admin_pwd=Initial-Pa55");
        assertThat(first.exitCode()).as(first.stderr()).isZero();

        ItopProcess.Result second = ItopProcess.run(directory, embedded(), "setup",
                "--admin_user=admin", "--admin_pwd=Other-Pa55");

        assertThat(second.exitCode()).as(second.stderr()).isZero();
        assertThat(second.stdout())
                .contains("Internal tables: up to date\n")
                .contains("Object tables: up to date\n")
                .contains("Administrator: admin already exists; left unchanged, password included\n");
    }

    @Test
    void statusBeforeSetupSaysSo() throws Exception {
        ItopProcess.Result status = ItopProcess.run(directory, embedded(), "status");

        assertThat(status.exitCode()).as(status.stderr()).isZero();
        assertThat(status.stdout()).contains("Setup: not run on this database yet; run 'itop setup'\n");
    }

    @Test
    void configFileInWorkingDirectoryIsRead() throws Exception {
        Files.writeString(directory.resolve("itop.conf"), "# test configuration\ndata_dir = from-conf\n",
                StandardCharsets.UTF_8);

        ItopProcess.Result status = ItopProcess.run(directory, Map.of(), "status");

        assertThat(status.exitCode()).as(status.stderr()).isZero();
        assertThat(status.stdout()).startsWith("Database: embedded PostgreSQL in " + directory.resolve("from-conf"));
        assertThat(directory.resolve("from-conf/postgres/PG_VERSION")).exists();
    }

    @Test
    void externalDatabaseStartsNothingEmbedded() throws Exception {
        String url = PostgresExtension.createDatabase("cli_external");
        Map<String, String> environment = Map.of(
                "ITOP_DB_URL", url,
                "ITOP_DB_USER", "postgres",
                "ITOP_DB_PASSWORD", "Never-Shown-42",
                "ITOP_DATA_DIR", directory.resolve("data").toString(),
                "ITOP_LOG_LEVEL", "INFO");

        ItopProcess.Result setup = ItopProcess.run(directory, environment, "setup",
                "--admin_user=admin", "--admin_pwd=Initial-Pa55");

        assertThat(setup.exitCode()).as(setup.stderr()).isZero();
        assertThat(setup.stdout()).startsWith("Database: external PostgreSQL at " + url + " as postgres\n");
        assertThat(directory.resolve("data")).doesNotExist();
        assertThat(setup.stderr())
                .contains("db_password = ******** (environment variable ITOP_DB_PASSWORD)")
                .doesNotContain("Never-Shown-42")
                .doesNotContain("Initial-Pa55");

        ItopProcess.Result status = ItopProcess.run(directory, environment, "status");
        assertThat(status.stdout()).contains("Users: 1 (1 with the Administrator profile)\n");
    }

    @Test
    void adminUserWithoutPasswordIsArgumentError() throws Exception {
        ItopProcess.Result setup = ItopProcess.run(directory, embedded(), "setup", "--admin_user=admin");

        assertThat(setup.exitCode()).isEqualTo(2);
        assertThat(setup.stdout()).startsWith("ERROR: ").contains("admin_pwd").contains("USAGE:");
        assertThat(directory.resolve("data")).doesNotExist();
    }

    @Test
    void busyDataDirectoryNamesHolder() throws Exception {
        Path dataDir = directory.resolve("data");
        try (JavaProcess holder = JavaProcess.start(DatabaseProbe.class, directory, dataDir.toString(), "0")) {
            holder.awaitLine("READY");

            ItopProcess.Result status = ItopProcess.run(directory, embedded(), "status", "--data_dir_lock_wait=1");

            assertThat(status.exitCode()).isEqualTo(1);
            assertThat(status.stdout())
                    .startsWith("ERROR: The data directory " + dataDir + " is in use by pid " + holder.pid() + " (")
                    .contains(DatabaseProbe.class.getName());
            assertThat(status.stderr()).contains("Waiting up to 1 s for the data directory " + dataDir);

            holder.sendLine("done");
            assertThat(holder.exitCode()).isZero();
        }
    }
}
