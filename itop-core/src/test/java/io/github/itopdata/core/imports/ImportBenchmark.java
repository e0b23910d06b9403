package io.github.itopdata.core.imports;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.db.DatabaseSettings;
import io.github.itopdata.core.model.DefaultModel;
import io.github.itopdata.core.model.Model;
import io.github.itopdata.core.store.SchemaMapping;
import io.github.itopdata.core.store.StoreSchema;
import io.github.itopdata.core.testing.BenchmarkSupport;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Measures the import against PostgreSQL's own COPY of the same Server file, on one embedded
 * server started for the run: (a) raw COPY into a plain table with the file's columns, (b) the
 * first import, (c) an identical second import, (d) a derived feed with changed and new rows.
 * Prints rows per second, each as a ratio of (a), and the peak resident memory of this JVM.
 *
 * <p>Not a test: run it through {@code bench/import-benchmark.sh}, which generates the feeds.
 * Arguments: the folder of the base feed, the folder of the derived feed.
 */
public final class ImportBenchmark {

    /** Data directory of the server started for the run, where its postmaster.pid file is. */
    private static Path dataDirectory;

    private ImportBenchmark() {
    }

    public static void main(String[] arguments) throws Exception {
        Path base = Path.of(arguments[0]);
        Path derived = Path.of(arguments[1]);
        dataDirectory = Files.createTempDirectory("itop-bench-pg");
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().setDataDirectory(dataDirectory)
                .setCleanDataDirectory(true).start();
             Database database = Database.open(DatabaseSettings.external(server.getJdbcUrl("postgres", "postgres"),
                     "postgres", "")).migrate()) {
            Model model = DefaultModel.load();
            StoreSchema.apply(database.jdbi(), SchemaMapping.of(model));
            CsvImporter importer = new CsvImporter(database.jdbi(), model);
            for (String[] typology : List.of(new String[] {"Organization", "name"},
                    new String[] {"Location", "name,org_id->name"}, new String[] {"Brand", "name"},
                    new String[] {"Model", "name,brand_id->name"}, new String[] {"OSFamily", "name"},
                    new String[] {"OSVersion", "name,osfamily_id->name"})) {
                run(importer, base.resolve(typology[0] + ".csv"), typology[0], typology[1]);
            }
            Path servers = base.resolve("Server.csv");
            long rows = Files.lines(servers).count() - 1;

            double copyRate = rows / BenchmarkSupport.rawCopy(database, servers, "raw_server");
            double first = rows / run(importer, servers, "Server", "name,org_id->name");
            double second = rows / run(importer, servers, "Server", "name,org_id->name");
            Path derivedServers = derived.resolve("Server.csv");
            long derivedRows = Files.lines(derivedServers).count() - 1;
            double third = derivedRows / run(importer, derivedServers, "Server", "name,org_id->name");

            System.out.printf("rows: %d (derived feed: %d)%n", rows, derivedRows);
            System.out.printf("(a) raw COPY:          %,10.0f rows/s%n", copyRate);
            System.out.printf("(b) first import:      %,10.0f rows/s  %5.1f%% of (a)%n", first, 100 * first / copyRate);
            System.out.printf("(c) identical import:  %,10.0f rows/s  %5.1f%% of (a)%n", second, 100 * second / copyRate);
            System.out.printf("(d) derived feed:      %,10.0f rows/s  %5.1f%% of (a)%n", third, 100 * third / copyRate);
            System.out.printf("peak RSS of this JVM:  %s (max heap %d MB)%n", BenchmarkSupport.peakRss(),
                    Runtime.getRuntime().maxMemory() / (1024 * 1024));
        }
    }

    /** Returns seconds spent importing the file. */
    private static double run(CsvImporter importer, Path file, String className, String keys) throws IOException {
        ImportRequest request = ImportRequest.fromParameters(Map.of("class", className, "charset", "UTF-8",
                "no_localize", "1", "reconciliationkeys", keys, "output", "summary"));
        long jvmCpu = jvmCpuNanos();
        long postgresCpu = postgresCpuTicks();
        long start = System.nanoTime();
        ImportResult result = importer.run(request, ImportInput.of(file), ImportUser.trusted("Benchmark"),
                OutputStream.nullOutputStream());
        double seconds = (System.nanoTime() - start) / 1e9;
        System.err.printf("%s %s: %d created, %d updated, %d unchanged, %d issues in %.2f s"
                + " (CPU time: this JVM %.2f s, PostgreSQL processes %.2f s)%n", className, file.getFileName(),
                result.created(), result.updated(), result.unchanged(), result.issues(), seconds,
                (jvmCpuNanos() - jvmCpu) / 1e9, (postgresCpuTicks() - postgresCpu) / 100.0);
        return seconds;
    }

    /** Returns the CPU time of this JVM, all threads together. */
    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * Returns the user and system CPU time of the benchmark's PostgreSQL server (the postmaster
     * and its child processes), in clock ticks of 1/100 s (the usual Linux value), read from
     * /proc. On a shared machine CPU times vary less than elapsed time. Returns 0 without /proc.
     */
    private static long postgresCpuTicks() throws IOException {
        Path proc = Path.of("/proc");
        Path pidFile = dataDirectory == null ? null : dataDirectory.resolve("postmaster.pid");
        if (!Files.isDirectory(proc) || pidFile == null || !Files.exists(pidFile)) {
            return 0;
        }
        String postmaster = Files.readAllLines(pidFile).get(0).strip();
        long ticks = 0;
        try (var entries = Files.list(proc)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String pid = entry.getFileName().toString();
                if (!pid.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String stat;
                try {
                    stat = Files.readString(entry.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                // Fields after the command name: state, ppid, ... utime (12th), stime (13th).
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                if (pid.equals(postmaster) || fields[1].equals(postmaster)) {
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                }
            }
        }
        return ticks;
    }

}
