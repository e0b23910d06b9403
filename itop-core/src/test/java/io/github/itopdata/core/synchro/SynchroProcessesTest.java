package io.github.itopdata.core.synchro;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.testing.PostgresExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads and runs in separate JVMs: advisory locks are re-entrant within one database session,
 * so only separate processes show that two runs of one source are serialized and that a killed
 * run leaves a consistent state.
 *
 * <p>The waits below only keep a broken test from hanging the build; no test asserts on time.
 */
@ExtendWith(PostgresExtension.class)
class SynchroProcessesTest {

    private static final long SAFETY_MINUTES = 5;

    private final SynchroFixture fixture;
    private final String jdbcUrl;

    SynchroProcessesTest(Database database) {
        this.fixture = new SynchroFixture(database);
        this.jdbcUrl = database.settings().jdbcUrl().orElseThrow();
    }

    @BeforeEach
    void reset() {
        fixture.reset();
    }

    private static Path feed(Path directory, int rows) throws IOException {
        StringBuilder csv = new StringBuilder("primary_key;name;org_id;serialnumber;status\n");
        for (int i = 0; i < rows; i++) {
            csv.append("srv-").append(i).append(";host-").append(i).append(";NLAB;SN-").append(i).append(";production\n");
        }
        Path file = directory.resolve("feed-" + rows + ".csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        return file;
    }

    private Process start(Path directory, DataSource source, Path feed, int chunk) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                SynchroWorker.class.getName(), jdbcUrl, Long.toString(source.id()), feed.toString(),
                Integer.toString(chunk))
                .redirectError(Files.createTempFile(directory, "worker", ".stderr").toFile())
                .start();
    }

    private static String finish(Process process) throws Exception {
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(SAFETY_MINUTES, TimeUnit.MINUTES)).isTrue();
        return output;
    }

    @Test
    void concurrentRunsCreateNoDuplicates(@TempDir Path directory) throws Exception {
        DataSource source = fixture.create(fixture.labServers());
        Path feed = feed(directory, 400);

        Process first = start(directory, source, feed, 50);
        Process second = start(directory, source, feed, 50);
        String firstOutput = finish(first);
        String secondOutput = finish(second);

        assertThat(first.exitValue()).as(firstOutput).isZero();
        assertThat(second.exitValue()).as(secondOutput).isZero();
        assertThat(fixture.count("SELECT count(*) FROM obj_functionalci")).isEqualTo(400);
        assertThat(fixture.count("SELECT count(DISTINCT itop_fold(primary_key)) FROM " + source.databaseTableName()))
                .isEqualTo(400);
        assertThat(fixture.count("SELECT count(*) FROM " + source.databaseTableName())).isEqualTo(400);
        assertThat(fixture.count("SELECT count(*) FROM obj_synchrolog WHERE status = 'completed'")).isEqualTo(2);
        assertThat(fixture.count("SELECT sum(stats_nb_obj_created) FROM obj_synchrolog")).isEqualTo(400);
        assertThat(fixture.count("SELECT count(*) FROM obj_synchroreplica WHERE status = 'synchronized'")).isEqualTo(400);
        List<String> outputs = new ArrayList<>(List.of(firstOutput, secondOutput));
        assertThat(outputs).anyMatch(o -> o.contains("#Objects created: 400 (0 warnings)"));
        assertThat(outputs).anyMatch(o -> o.contains("#Objects created: 0 (0 warnings)"));
    }

    @Test
    void killedRunLeavesConsistentState(@TempDir Path directory) throws Exception {
        DataSource source = fixture.create(fixture.labServers());
        Path feed = feed(directory, 3000);

        Process worker = start(directory, source, feed, 20);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(SAFETY_MINUTES);
        while (fixture.count("SELECT count(*) FROM obj_functionalci") < 100 && worker.isAlive()
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        worker.destroyForcibly();
        assertThat(worker.waitFor(SAFETY_MINUTES, TimeUnit.MINUTES)).isTrue();

        long objects = fixture.count("SELECT count(*) FROM obj_functionalci");
        long linked = fixture.count("SELECT count(*) FROM obj_synchroreplica WHERE status = 'synchronized'"
                + " AND status_dest_creator AND dest_id IN (SELECT id FROM obj_functionalci)");
        assertThat(objects).as("objects created before the kill").isBetween(100L, 2999L);
        assertThat(linked).isEqualTo(objects);

        SynchroFixture.Call next = fixture.exec(Long.toString(source.id()));

        assertThat(next.exitCode()).as(next.output()).isZero();
        assertThat(fixture.count("SELECT count(*) FROM obj_functionalci")).isEqualTo(3000);
        assertThat(fixture.count("SELECT count(DISTINCT name) FROM obj_functionalci")).isEqualTo(3000);
        assertThat(fixture.count("SELECT count(*) FROM obj_synchroreplica WHERE status = 'synchronized'")).isEqualTo(3000);
        assertThat(fixture.count("SELECT count(*) FROM obj_synchrolog WHERE status = 'running'")).isZero();
        assertThat(fixture.count("SELECT count(*) FROM obj_synchrolog WHERE status = 'error'"
                + " AND last_error = 'Interrupted (process ended without completing)'")).isEqualTo(1);
    }
}
