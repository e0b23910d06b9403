package io.github.itopdata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.db.DatabaseSettings;
import io.github.itopdata.core.testing.PostgresExtension;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A synchro_import whose feed contains a document cell too big for a small {@code -Xmx}, run as a
 * real process. The launcher reports the lack of memory in one line and leaves the stored data as
 * it was.
 */
class OutOfMemoryProcessTest {

    private static final String PASSWORD = "Initial-Pa55";
    private static final String DEFINITION = """
            {"name": "Staff", "scope_class": "Person", "status": "production", "user_id": "",
             "full_load_periodicity": 0, "delete_policy": "ignore",
             "attribute_list": [
               {"attcode": "name", "update": "1", "reconcile": "1", "update_policy": "master_locked",
                "finalclass": "SynchroAttribute"},
               {"attcode": "first_name", "update": "1", "reconcile": "1", "update_policy": "master_locked",
                "finalclass": "SynchroAttribute"},
               {"attcode": "org_id", "update": "1", "reconcile": "0", "update_policy": "master_locked",
                "reconciliation_attcode": "name", "finalclass": "SynchroAttExtKey"},
               {"attcode": "picture", "update": "1", "reconcile": "0", "update_policy": "master_locked",
                "finalclass": "SynchroAttribute"}]}
            """;
    private static final String HEADER = "primary_key;name;first_name;org_id;picture_data;picture_mimetype;"
            + "picture_filename;picture_downloads_count\n";
    /** Size of the base64 cell, about half of the 64 MiB heap. Reading it takes several copies, so it cannot fit. */
    private static final int BIG_CELL_CHARS = 30 * 1024 * 1024;

    private static String jdbcUrl;

    @TempDir
    static Path directory;

    @BeforeAll
    static void createDatabase() throws Exception {
        jdbcUrl = PostgresExtension.createDatabase("launcher_memory");
        ItopProcess.Result setup = itop(List.of(), "setup", "--admin_user=admin", "--admin_pwd=" + PASSWORD);
        assertThat(setup.exitCode()).as(setup.stderr()).isZero();
        try (Database database = Database.open(DatabaseSettings.external(jdbcUrl, "postgres", ""))) {
            database.jdbi().useHandle(handle -> handle.execute(
                    "INSERT INTO obj_organization (id, finalclass, name, status) VALUES (1, 'Organization', 'Demo', 'active')"));
        }
    }

    private static ItopProcess.Result itop(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(ItopProcess.javaCommand(args));
        command.addAll(1, jvmOptions);
        Map<String, String> environment = Map.of("ITOP_DB_URL", jdbcUrl, "ITOP_DB_USER", "postgres", "ITOP_DB_PASSWORD", "");
        return ItopProcess.start(command, directory, environment);
    }

    private static long count(String sql) {
        try (Database database = Database.open(DatabaseSettings.external(jdbcUrl, "postgres", ""))) {
            return database.jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
        }
    }

    /** Writes a feed whose second row has a {@code picture_data} cell of {@code chars} base64 characters. */
    private static Path writeBigFeed(int chars) throws IOException {
        Path feed = directory.resolve("big.csv");
        char[] block = new char[64 * 1024];
        Arrays.fill(block, 'A');
        try (Writer writer = Files.newBufferedWriter(feed, StandardCharsets.US_ASCII)) {
            writer.write(HEADER);
            writer.write("hr-2;Tamm;Bruno;Demo;;;;\n");
            writer.write("hr-3;Varga;Chloe;Demo;");
            for (int written = 0; written < chars; written += block.length) {
                writer.write(block, 0, Math.min(block.length, chars - written));
            }
            writer.write(";image/png;big.png;0\n");
        }
        return feed;
    }

    /**
     * Defines a data source from a definition and synchronizes one small row into it, with the
     * default heap, through real launcher processes.
     *
     * @return the source's id
     */
    private static String defineAndFeed(String name, String definition, String row) throws Exception {
        Files.writeString(directory.resolve(name + ".json"), definition, StandardCharsets.UTF_8);
        ItopProcess.Result created = itop(List.of(), "datasource", "--file=" + name + ".json");
        assertThat(created.exitCode()).as(created.stderr()).isZero();
        String sourceId = created.stdout().strip();
        Files.writeString(directory.resolve(name + ".csv"), HEADER + row + "\n", StandardCharsets.US_ASCII);
        ItopProcess.Result small = itop(List.of(), "synchro_import", "--auth_user=admin", "--auth_pwd=" + PASSWORD,
                "--data_source_id=" + sourceId, "--csvfile=" + name + ".csv", "--synchronize=1");
        assertThat(small.exitCode()).as(small.stdout() + small.stderr()).isZero();
        return sourceId;
    }

    @Test
    void bigCellReportsMemoryAndKeepsData() throws Exception {
        String sourceId = defineAndFeed("staff", DEFINITION, "hr-1;Quill;Ada;Demo;QUJD;image/png;ada.png;0");
        Path feed = writeBigFeed(BIG_CELL_CHARS);

        ItopProcess.Result big = itop(List.of("-Xmx64m"), "synchro_import", "--auth_user=admin", "--auth_pwd=" + PASSWORD,
                "--data_source_id=" + sourceId, "--csvfile=" + feed, "--synchronize=1");

        assertThat(big.exitCode()).as(big.stderr()).isEqualTo(1);
        assertThat(big.stdout()).as(big.stderr()).matches("ERROR: Out of memory: synchro_import needed more than the Java heap"
                + " limit of [0-9]+ MiB; run it again with a larger limit, for example ITOP_JAVA_OPTS=-Xmx128m"
                + " bin/itop synchro_import \\.\\.\\. \\(details on standard error\\)\n");
        assertThat(big.stderr()).contains("java.lang.OutOfMemoryError: Java heap space");
        assertThat(big.stderr()).doesNotContain("Exception in thread");
        assertThat(count("SELECT count(*) FROM synchro_data_person_" + sourceId + " WHERE primary_key = 'hr-3'")).isZero();
        assertThat(count("SELECT count(*) FROM synchro_data_person_" + sourceId + " WHERE primary_key = 'hr-1'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM obj_contact WHERE name IN ('Tamm', 'Varga')")).isZero();
        assertThat(count("SELECT count(*) FROM obj_contact WHERE name = 'Quill' AND picture_filename = 'ada.png'"
                + " AND picture = 'ABC'::bytea")).isEqualTo(1);
    }

    @Test
    void runOutOfMemoryClosesItsLog() throws Exception {
        String sourceId = defineAndFeed("archive", DEFINITION.replace("\"Staff\"", "\"Staff archive\""),
                "ar-1;Lind;Ola;Demo;QUJD;image/png;ola.png;0");
        try (Database database = Database.open(DatabaseSettings.external(jdbcUrl, "postgres", ""))) {
            // An ETL writes a 40 MiB picture into the data table; the run must read it back to apply it.
            database.jdbi().useHandle(handle -> handle.execute("UPDATE synchro_data_person_" + sourceId
                    + " SET picture_data = convert_to(repeat('A', 40 * 1024 * 1024), 'UTF8') WHERE primary_key = 'ar-1'"));
        }

        ItopProcess.Result run = itop(List.of("-Xmx64m"), "synchro_exec", "--auth_user=admin", "--auth_pwd=" + PASSWORD,
                "--data_sources=" + sourceId);

        // The driver may turn the lack of memory into an SQL error, or Java may throw it as is.
        assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM obj_synchrolog WHERE sync_source_id = " + sourceId
                + " AND status = 'running'")).isZero();
        assertThat(count("SELECT count(*) FROM obj_synchrolog WHERE sync_source_id = " + sourceId
                + " AND status = 'error' AND last_error ILIKE '%out of memory%'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM obj_contact WHERE name = 'Lind' AND picture = 'ABC'::bytea")).isEqualTo(1);
    }

    @Test
    void memoryAdviceDoublesHeapLimit() {
        String message = Launcher.outOfMemoryMessage("import", 247L * 1024 * 1024);

        assertThat(message).isEqualTo("Out of memory: import needed more than the Java heap limit of 247 MiB;"
                + " run it again with a larger limit, for example ITOP_JAVA_OPTS=-Xmx512m bin/itop import ...");
        assertThat(Launcher.outOfMemoryMessage("import", 64L * 1024 * 1024)).contains("-Xmx128m");
        assertThat(Launcher.outOfMemoryMessage("import", 0)).contains("limit of 1 MiB").contains("-Xmx2m");
    }
}
