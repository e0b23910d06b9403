package io.github.itopdata.core.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.testing.PostgresExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Imports that are killed or run concurrently leave whole objects and no duplicates. */
@ExtendWith(PostgresExtension.class)
class ImportRobustnessTest {

    private static ImportFixture fixture;

    @TempDir
    Path directory;

    @BeforeAll
    static void createSchema(Database database) {
        fixture = new ImportFixture(database);
    }

    @BeforeEach
    void loadFixture() {
        fixture.reset();
    }

    /** Writes gadgets K-1..K-n, each with label L-i and quantity i. */
    private Path gadgets(int count) throws IOException {
        StringBuilder csv = new StringBuilder("code,label,qty\n");
        for (int i = 1; i <= count; i++) {
            csv.append("K-").append(i).append(",L-").append(i).append(',').append(i).append('\n');
        }
        return Files.writeString(directory.resolve("gadgets.csv"), csv, StandardCharsets.UTF_8);
    }

    private static long halfWrittenGadgets() {
        return fixture.count("SELECT count(*) FROM obj_gadget g WHERE g.code LIKE 'K-%' AND (g.label IS DISTINCT FROM"
                + " 'L-' || substr(g.code, 3) OR g.qty IS DISTINCT FROM substr(g.code, 3)::integer OR NOT EXISTS"
                + " (SELECT 1 FROM itop_change_op o WHERE o.objkey = g.id AND o.optype = 'create'))");
    }

    @Test
    void killedImportLeavesWholeObjectsAndRerunConverges() throws Exception {
        int rows = 200_000;
        Path csv = gadgets(rows);
        String url = fixture.database.settings().jdbcUrl().orElseThrow();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), ImportKillTarget.class.getName(), url,
                csv.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("killed.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (fixture.count("SELECT count(*) FROM obj_gadget WHERE code LIKE 'K-%'") == 0
                && System.nanoTime() < deadline && process.isAlive()) {
            Thread.sleep(50);
        }
        assertThat(process.isAlive()).as("import still running when killed").isTrue();
        process.destroyForcibly();
        process.waitFor(1, TimeUnit.MINUTES);

        long written = fixture.count("SELECT count(*) FROM obj_gadget WHERE code LIKE 'K-%'");
        assertThat(written).isBetween(1L, (long) rows - 1);
        assertThat(halfWrittenGadgets()).isZero();

        ImportFixture.Run rerun = fixture.run(Files.readAllBytes(csv), "--class=Gadget", "--output=summary");

        assertThat(rerun.lines()).contains("#Issues: 0", "#Created: " + (rows - written), "#Unchanged: " + written);
        assertThat(fixture.count("SELECT count(*) FROM obj_gadget WHERE code LIKE 'K-%'")).isEqualTo(rows);
        assertThat(halfWrittenGadgets()).isZero();
    }

    @Test
    void concurrentImportsCreateNoDuplicates() throws Exception {
        int rows = 5_000;
        byte[] csv = Files.readAllBytes(gadgets(rows));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<ImportFixture.Run>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> fixture.run(csv, "--class=Gadget", "--output=summary")));
            }
            long created = 0;
            long unchanged = 0;
            for (Future<ImportFixture.Run> run : runs) {
                ImportResult result = run.get(5, TimeUnit.MINUTES).result();
                created += result.created();
                unchanged += result.unchanged();
            }

            assertThat(created).isEqualTo(rows);
            assertThat(unchanged).isEqualTo(rows);
            assertThat(fixture.count("SELECT count(*) FROM obj_gadget WHERE code LIKE 'K-%'")).isEqualTo(rows);
            assertThat(fixture.count("SELECT count(*) FROM (SELECT itop_fold(code) FROM obj_gadget GROUP BY 1"
                    + " HAVING count(*) > 1) duplicates")).isZero();
        } finally {
            pool.shutdownNow();
        }
    }
}
