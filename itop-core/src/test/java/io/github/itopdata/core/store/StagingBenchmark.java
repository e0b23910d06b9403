package io.github.itopdata.core.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.model.Model;
import io.github.itopdata.core.testing.PostgresExtension;
import io.github.itopdata.core.store.internal.CopyRowWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

/**
 * Measures the bulk paths against a raw COPY into a plain table. Runs only with
 * {@code -Ditop.benchmark.rows=<n>}; prints rows per second and asserts nothing about time.
 */
class StagingBenchmark {

    private static final List<String> COLUMNS = List.of("name", "org_id", "description", "business_criticity",
            "move2production", "serialnumber", "asset_number", "cpu", "ram", "managementip");

    @Test
    void bulkPathsAgainstRawCopy() throws Exception {
        String rowsProperty = System.getProperty("itop.benchmark.rows");
        assumeTrue(rowsProperty != null, "benchmark runs only with -Ditop.benchmark.rows=<n>");
        int rows = Integer.parseInt(rowsProperty);
        Model model = TestModels.builder()
                .add("Organization", null, false, List.of("name"), "name:STRING")
                .add("FunctionalCI", null, true, List.of("name", "org_id"), "name:STRING",
                        "org_id:EXTERNAL_KEY:Organization", "description:TEXT", "business_criticity:ENUM",
                        "move2production:DATE", "finalclass:FINAL_CLASS")
                .add("Server", "FunctionalCI", false, List.of("name", "org_id"), "serialnumber:STRING",
                        "asset_number:STRING", "cpu:STRING", "ram:INTEGER", "managementip:IP_ADDRESS")
                .build();
        ObjectStore store = new ObjectStore(SchemaMapping.of(model));

        try (Database database = PostgresExtension.openFreshDatabase("benchmark")) {
            StoreSchema.apply(database.jdbi(), store.mapping());
            database.jdbi().useHandle(handle -> handle.execute("CREATE TABLE raw_server (name text, org_id bigint,"
                    + " description text, business_criticity text, move2production date, serialnumber text,"
                    + " asset_number text, cpu text, ram integer, managementip text)"));

            database.jdbi().useTransaction(handle -> rawCopy(handle, rows));
            database.jdbi().useHandle(handle -> handle.execute("TRUNCATE raw_server"));
            long start = System.nanoTime();
            database.jdbi().useTransaction(handle -> rawCopy(handle, rows));
            report("raw COPY into a plain table (after a warm-up)", rows, start);
            database.jdbi().useHandle(handle -> handle.execute(
                    "INSERT INTO obj_organization (id, finalclass, name) VALUES (1, 'Organization', 'Northwind')"));

            start = System.nanoTime();
            database.jdbi().useTransaction(handle -> run(handle, store, rows, 0, 0));
            report("first load (stage, match, insert, history)", rows, start);

            start = System.nanoTime();
            database.jdbi().useTransaction(handle -> run(handle, store, rows, 0, 0));
            report("reload unchanged (stage, match, compare)", rows, start);

            start = System.nanoTime();
            database.jdbi().useTransaction(handle -> run(handle, store, rows, 10, 5));
            report("reload, 10% changed and 5% new", rows + rows / 20, start);
        }
    }

    private static void rawCopy(Handle handle, int rows) throws Exception {
        try (CopyRowWriter writer = CopyRowWriter.open(handle.getConnection(),
                "COPY raw_server (" + String.join(", ", COLUMNS) + ") FROM STDIN")) {
            for (int i = 0; i < rows; i++) {
                for (Object value : values(i, 0)) {
                    writer.field(io.github.itopdata.core.store.internal.SqlText.render(value));
                }
                writer.endRow();
            }
            writer.finish();
        }
    }

    private static void run(Handle handle, ObjectStore store, int rows, int changedPercent, int newPercent) {
        ChangeSet change = ChangeHistory.open(handle, "benchmark", null, ChangeOrigin.CSV_IMPORT, null);
        int total = rows + rows * newPercent / 100;
        try (StagingTable stage = store.stage(handle, "Server", COLUMNS, Map.of())) {
            try (StagingWriter writer = stage.openWriter()) {
                for (int i = 0; i < total; i++) {
                    int version = changedPercent > 0 && i % (100 / changedPercent) == 0 ? 1 : 0;
                    writer.row(i, values(i, version));
                }
                writer.finish();
            }
            long t = System.nanoTime();
            stage.match(List.of("name", "org_id"));
            t = step("match", t);
            stage.compare();
            t = step("compare", t);
            stage.updateChanged(change);
            t = step("updateChanged", t);
            stage.insertNew(change);
            step("insertNew", t);
            System.out.println("  " + stage.counts());
        }
    }

    private static long step(String name, long startNanos) {
        long now = System.nanoTime();
        System.out.printf("  %-15s %6.2f s%n", name, (now - startNanos) / 1e9);
        return now;
    }

    private static Object[] values(int i, int version) {
        return new Object[] {"srv-" + i, 1, "Server number " + i + " in rack " + (i % 40),
            i % 3 == 0 ? "high" : "medium", LocalDate.of(2020, 1, 1).plusDays(i % 1500), "SN" + (1_000_000 + i),
            "A-" + i, (2 + i % 16) + " cores", 4096 + version, "10." + (i / 65536 % 256) + "." + (i / 256 % 256) + "."
            + (i % 256)};
    }

    private static void report(String step, long rows, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf("%-45s %,10d rows in %6.2f s = %,9.0f rows/s%n", step, rows, seconds, rows / seconds);
    }
}
