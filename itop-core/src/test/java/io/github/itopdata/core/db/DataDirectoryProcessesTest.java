package io.github.itopdata.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands in separate JVMs on one data directory, as two shells would run them. */
class DataDirectoryProcessesTest {

    @TempDir
    Path temp;

    @Test
    void secondCommandWaitsForFirst() throws Exception {
        Path dataDir = temp.resolve("data");
        try (JavaProcess first = JavaProcess.start(DatabaseProbe.class, temp, dataDir.toString(), "0")) {
            first.awaitLine("READY");

            try (JavaProcess second = JavaProcess.start(DatabaseProbe.class, temp, dataDir.toString(), "600")) {
                second.awaitStderr("Waiting up to 600 s for the data directory");
                assertThat(second.stderr()).contains("in use by pid " + first.pid() + " (");
                assertThat(second.stderr()).contains(DatabaseProbe.class.getName());

                first.sendLine("done");
                assertThat(first.awaitLine("CLOSED")).isEqualTo("CLOSED");
                assertThat(first.exitCode()).isZero();

                second.awaitLine("READY");
                second.sendLine("done");
                assertThat(second.exitCode()).as(second.stderr()).isZero();
            }
        }

        try (Database database = Database.open(DatabaseSettings.embedded(dataDir))) {
            List<String> probes = database.jdbi().withHandle(handle -> handle
                    .createQuery("SELECT name FROM itop_setting WHERE name LIKE 'probe-%'")
                    .mapTo(String.class).list());
            assertThat(probes).hasSize(2);
        }
    }

    @Test
    void secondCommandGivesUpNamingHolder() throws Exception {
        Path dataDir = temp.resolve("data");
        try (JavaProcess first = JavaProcess.start(DatabaseProbe.class, temp, dataDir.toString(), "0")) {
            first.awaitLine("READY");

            try (JavaProcess second = JavaProcess.start(DatabaseProbe.class, temp, dataDir.toString(), "1")) {
                assertThat(second.exitCode()).isEqualTo(1);
                assertThat(second.stderr())
                        .contains("Error: The data directory " + dataDir + " is in use by pid " + first.pid())
                        .contains(DatabaseProbe.class.getName())
                        .contains("gave up after waiting 1 s");
            }

            first.sendLine("done");
            assertThat(first.exitCode()).as(first.stderr()).isZero();
        }
    }

    @Test
    void terminatedCommandStopsServer() throws Exception {
        Path dataDir = temp.resolve("data");
        try (JavaProcess command = JavaProcess.start(DatabaseProbe.class, temp, dataDir.toString(), "0")) {
            command.awaitLine("READY");
            Path pidFile = dataDir.resolve("postgres/postmaster.pid");
            ProcessHandle server = ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).strip()))
                    .orElseThrow();

            command.terminate();

            server.onExit().join();
            assertThat(pidFile).as("a clean stop removes the pid file").doesNotExist();
        }
    }

    @Test
    void killedCommandDoesNotBlockNextStart() throws Exception {
        Path dataDir = temp.resolve("data");
        long killedPid;
        try (JavaProcess killed = JavaProcess.start(DatabaseProbe.class, temp, dataDir.toString(), "0")) {
            killed.awaitLine("READY");
            killedPid = killed.pid();
            killed.killHard();
        }
        Path pidFile = dataDir.resolve("postgres/postmaster.pid");
        assertThat(pidFile).as("the server outlives a JVM killed with SIGKILL").exists();
        long leftoverServerPid = Long.parseLong(Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).strip());

        try (Database database = Database.open(DatabaseSettings.embedded(dataDir)).migrate()) {
            String value = database.jdbi().withHandle(handle -> handle
                    .createQuery("SELECT value FROM itop_setting WHERE name = :name")
                    .bind("name", "probe-" + killedPid)
                    .mapTo(String.class).one());
            assertThat(value).isEqualTo("written");
            assertThat(ProcessHandle.of(leftoverServerPid).filter(ProcessHandle::isAlive))
                    .as("the server left by the killed command is stopped")
                    .isEmpty();
        }
    }

    @Test
    void serverKilledWithCommandKeepsCommittedData() throws Exception {
        Path dataDir = temp.resolve("data");
        long killedPid;
        try (JavaProcess killed = JavaProcess.start(DatabaseProbe.class, temp, dataDir.toString(), "0")) {
            killed.awaitLine("READY");
            killedPid = killed.pid();
            killed.killHard();
        }
        Path pidFile = dataDir.resolve("postgres/postmaster.pid");
        ProcessHandle server = ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).strip())).orElseThrow();
        server.destroyForcibly();
        server.onExit().join();
        assertThat(pidFile).as("a server killed with SIGKILL leaves its pid file").exists();

        try (Database database = Database.open(DatabaseSettings.embedded(dataDir)).migrate()) {
            String value = database.jdbi().withHandle(handle -> handle
                    .createQuery("SELECT value FROM itop_setting WHERE name = :name")
                    .bind("name", "probe-" + killedPid)
                    .mapTo(String.class).one());
            assertThat(value).isEqualTo("written");
        }
    }
}
