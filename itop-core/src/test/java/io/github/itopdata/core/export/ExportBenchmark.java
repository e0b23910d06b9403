package io.github.itopdata.core.export;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.db.DatabaseSettings;
import io.github.itopdata.core.model.DefaultModel;
import io.github.itopdata.core.store.SchemaMapping;
import io.github.itopdata.core.store.StoreSchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * Measures the export of Servers against PostgreSQL's own {@code COPY (<the export's SQL>) TO
 * STDOUT}, on one embedded server started for the run: (a) the COPY, (b) our csv export of
 * {@code SELECT Server} with 17 fields, five of them names read through external keys, (c) our
 * xlsx export of the same. Prints rows per second, the ratio of (b) to (a), and the peak
 * resident memory of this JVM.
 *
 * <p>Not a test: run it through {@code bench/export-benchmark.sh ROWS}.
 */
public final class ExportBenchmark {

    static final String FIELDS = "name,org_id->name,status,business_criticity,location_id->name,brand_id->name,model_id->name,"
            + "serialnumber,asset_number,purchase_date,end_of_warranty,move2production,osfamily_id->name,osversion_id->name,"
            + "cpu,ram,managementip";

    private ExportBenchmark() {
    }

    public static void main(String[] arguments) throws Exception {
        int rows = Integer.parseInt(arguments[0]);
        Path dataDirectory = Files.createTempDirectory("itop-export-bench-pg");
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().setDataDirectory(dataDirectory)
                .setCleanDataDirectory(true).start();
             Database database = Database.open(DatabaseSettings.external(server.getJdbcUrl("postgres", "postgres"),
                     "postgres", "")).migrate()) {
            SchemaMapping mapping = SchemaMapping.of(DefaultModel.load());
            StoreSchema.apply(database.jdbi(), mapping);
            long loadStart = System.nanoTime();
            fill(database, rows);
            System.out.printf("loaded %,d servers in %.1f s%n", rows, (System.nanoTime() - loadStart) / 1e9);

            Exporter exporter = new Exporter(database, mapping);
            ExportRequest csv = ExportRequest.builder().expression("SELECT Server").format(ExportFormat.CSV).fields(FIELDS)
                    .localized(false).build();
            ExportPlan plan = exporter.prepare(csv);
            String copySql = inline(plan.sql().sql(), plan.sql().parameters());

            if (Boolean.getBoolean("bench.explain")) {
                database.jdbi().useHandle(handle -> handle.createQuery("EXPLAIN ANALYZE " + copySql).mapTo(String.class)
                        .list().forEach(System.out::println));
            }
            double copySeconds = copy(database, copySql);
            double cursorSeconds = cursor(database, plan);
            double csvSeconds = export(exporter, csv);
            long csvPeak = peakRssKb();
            double xlsxSeconds = export(exporter, ExportRequest.builder().expression("SELECT Server").format(ExportFormat.XLSX)
                    .fields(FIELDS).localized(false).build());

            System.out.printf("rows: %,d, fields: 17%n", rows);
            System.out.printf("(a) COPY of the export's SQL: %,10.0f rows/s%n", rows / copySeconds);
            System.out.printf("(a') JDBC cursor, no writer:  %,10.0f rows/s%n", rows / cursorSeconds);
            System.out.printf("(b) csv export:               %,10.0f rows/s  %5.1f%% of (a)%n", rows / csvSeconds,
                    100 * copySeconds / csvSeconds);
            System.out.printf("(c) xlsx export:              %,10.0f rows/s%n", rows / xlsxSeconds);
            System.out.printf("peak RSS after csv: %,d kB; after xlsx: %,d kB (max heap %d MB)%n", csvPeak, peakRssKb(),
                    Runtime.getRuntime().maxMemory() / (1024 * 1024));
        }
    }

    /** Inserts the typology and {@code rows} servers with SQL, so that the load does not weigh on this JVM. */
    private static void fill(Database database, int rows) {
        database.jdbi().useHandle(handle -> {
            handle.execute("INSERT INTO obj_organization (id, finalclass, name, status) SELECT i, 'Organization', 'Org ' || i, 'active'"
                    + " FROM generate_series(1, 10) i");
            handle.execute("INSERT INTO obj_location (id, finalclass, name, org_id, status) SELECT i, 'Location', 'Site ' || i,"
                    + " 1 + i % 10, 'active' FROM generate_series(1, 100) i");
            handle.execute("INSERT INTO obj_typology (id, finalclass, name) SELECT i, 'Brand', 'Brand ' || i FROM generate_series(1, 20) i");
            handle.execute("INSERT INTO obj_typology (id, finalclass, name, brand_id, type) SELECT 100 + i, 'Model', 'Model ' || i,"
                    + " 1 + i % 20, 'Server' FROM generate_series(1, 50) i");
            handle.execute("INSERT INTO obj_typology (id, finalclass, name) SELECT 200 + i, 'OSFamily', 'OS ' || i FROM generate_series(1, 5) i");
            handle.execute("INSERT INTO obj_typology (id, finalclass, name, osfamily_id) SELECT 300 + i, 'OSVersion', 'Version ' || i,"
                    + " 201 + i % 5 FROM generate_series(1, 20) i");
            handle.execute("INSERT INTO obj_functionalci (id, finalclass, name, org_id, status, business_criticity, location_id,"
                    + " brand_id, model_id, serialnumber, asset_number, purchase_date, end_of_warranty, move2production,"
                    + " osfamily_id, osversion_id, cpu, ram, managementip)"
                    + " SELECT i, 'Server', 'server-' || lpad(i::text, 8, '0'), 1 + i % 10, 'production', 'medium', 1 + i % 100,"
                    + " 1 + i % 20, 101 + i % 50, 'SN' || i, 'A-' || i, date '2020-01-01' + i % 1000,"
                    + " CASE WHEN i % 3 = 0 THEN NULL ELSE date '2025-01-01' + i % 500 END, date '2021-06-01' + i % 700,"
                    + " 201 + i % 5, 301 + i % 20, (1 + i % 16)::text, (4 * (1 + i % 32))::text,"
                    + " '10.' || (i / 65536) % 256 || '.' || (i / 256) % 256 || '.' || i % 256"
                    + " FROM generate_series(1000, 999 + " + rows + ") i");
            handle.execute("ANALYZE");
        });
    }

    /** Writes the bound values into the SQL for COPY, which takes no parameters; the values are the benchmark's own constants. */
    private static String inline(String sql, List<Object> parameters) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '?') {
                Object value = parameters.get(next++);
                out.append(value instanceof Number ? value.toString() : "'" + value.toString().replace("'", "''") + "'");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static double copy(Database database, String sql) throws Exception {
        try (Connection connection = database.dataSource().getConnection()) {
            long start = System.nanoTime();
            connection.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + sql + ") TO STDOUT (FORMAT csv)",
                    OutputStream.nullOutputStream());
            return (System.nanoTime() - start) / 1e9;
        }
    }

    /** Reads the export's SQL through the same kind of cursor as the exporter, without writing anything. */
    private static double cursor(Database database, ExportPlan plan) throws Exception {
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            try (java.sql.PreparedStatement statement = connection.prepareStatement(plan.sql().sql())) {
                statement.setFetchSize(1000);
                for (int i = 0; i < plan.sql().parameters().size(); i++) {
                    statement.setObject(i + 1, plan.sql().parameters().get(i));
                }
                try (java.sql.ResultSet result = statement.executeQuery()) {
                    int columns = result.getMetaData().getColumnCount();
                    while (result.next()) {
                        for (int c = 1; c <= columns; c++) {
                            result.getString(c);
                        }
                    }
                }
            }
            connection.rollback();
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private static double export(Exporter exporter, ExportRequest request) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        exporter.export(request, OutputStream.nullOutputStream());
        double seconds = (System.nanoTime() - start) / 1e9;
        // CPU time of this thread alone: the Java side's cost, which the load of a shared machine does not inflate.
        System.out.printf("    %s: %.1f s wall, %.1f s CPU in this thread%n", request.format().code(), seconds,
                (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9);
        return seconds;
    }

    /** Returns the peak resident set size of this process (VmHWM), in kB; -1 where /proc is missing. */
    private static long peakRssKb() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
