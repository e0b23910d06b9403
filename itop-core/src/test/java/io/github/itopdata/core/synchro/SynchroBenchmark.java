package io.github.itopdata.core.synchro;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.db.DatabaseSettings;
import io.github.itopdata.core.imports.CsvImporter;
import io.github.itopdata.core.imports.ImportInput;
import io.github.itopdata.core.imports.ImportRequest;
import io.github.itopdata.core.imports.ImportUser;
import io.github.itopdata.core.model.DefaultModel;
import io.github.itopdata.core.model.Model;
import io.github.itopdata.core.service.FrontEnd;
import io.github.itopdata.core.service.ServiceContext;
import io.github.itopdata.core.service.ServiceOutput;
import io.github.itopdata.core.store.SchemaMapping;
import io.github.itopdata.core.store.StoreSchema;
import io.github.itopdata.core.synchro.internal.SynchroTables;
import io.github.itopdata.core.testing.BenchmarkSupport;
import io.github.itopdata.paramfile.ParameterOrigin;
import io.github.itopdata.paramfile.Parameters;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Measures synchro_import with synchronize=1 against PostgreSQL's own COPY of the same feed, on
 * one embedded server: (a) raw COPY into a table of text columns, (b) first load into an empty
 * CMDB, (c) the same feed again, (d) a derived feed with changed, new and missing servers under
 * the delete policy {@code update}. Prints rows per second, each as a ratio of (a), and the peak
 * resident memory of this JVM.
 *
 * <p>Arguments: the base and derived folders written by {@code gen-cmdb-csv.py}.
 */
public final class SynchroBenchmark {

    private SynchroBenchmark() {
    }

    public static void main(String[] arguments) throws Exception {
        Path base = Path.of(arguments[0]);
        Path derived = Path.of(arguments[1]);
        Path dataDirectory = Files.createTempDirectory("itop-bench-pg");
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().setDataDirectory(dataDirectory)
                .setCleanDataDirectory(true).start();
             Database database = Database.open(DatabaseSettings.external(server.getJdbcUrl("postgres", "postgres"),
                     "postgres", "")).migrate()) {
            Model model = DefaultModel.load();
            SchemaMapping mapping = SchemaMapping.of(model);
            StoreSchema.apply(database.jdbi(), mapping);
            CsvImporter importer = new CsvImporter(database.jdbi(), model);
            for (String[] typology : List.of(new String[] {"Organization", "name"},
                    new String[] {"Location", "name,org_id->name"}, new String[] {"Brand", "name"},
                    new String[] {"Model", "name,brand_id->name"}, new String[] {"OSFamily", "name"},
                    new String[] {"OSVersion", "name,osfamily_id->name"})) {
                ImportRequest request = ImportRequest.fromParameters(Map.of("class", typology[0], "charset", "UTF-8",
                        "separator", ",", "no_localize", "1", "output", "retcode", "reconciliationkeys", typology[1]));
                importer.run(request, ImportInput.of(base.resolve(typology[0] + ".csv")),
                        new ImportUser("bench", Optional.empty(), c -> true), OutputStream.nullOutputStream());
            }

            Path work = Files.createTempDirectory("itop-bench-feed");
            Path baseFeed = synchroFeed(base.resolve("Server.csv"), work.resolve("base.csv"));
            Path derivedFeed = synchroFeed(derived.resolve("Server.csv"), work.resolve("derived.csv"));
            DataSource source = new DataSources(database.jdbi(), mapping).create(serverSource(baseFeed).build());
            long rows = lineCount(baseFeed) - 1;
            long derivedRows = lineCount(derivedFeed) - 1;

            double copyRate = rows / BenchmarkSupport.rawCopy(database, baseFeed, "raw_feed");
            double first = rows / load(database, mapping, source, baseFeed);
            double second = rows / load(database, mapping, source, baseFeed);
            double third = derivedRows / load(database, mapping, source, derivedFeed);
            double marking = rows / markEverySeen(database, mapping, source);

            System.out.printf("rows: %d (derived feed: %d)%n", rows, derivedRows);
            System.out.printf("(a) raw COPY:           %,10.0f rows/s%n", copyRate);
            System.out.printf("(b) first load+synchro: %,10.0f rows/s  %5.1f%% of (a)%n", first, 100 * first / copyRate);
            System.out.printf("(c) unchanged re-feed:  %,10.0f rows/s  %5.1f%% of (a)%n", second, 100 * second / copyRate);
            System.out.printf("(d) derived feed:       %,10.0f rows/s  %5.1f%% of (a)%n", third, 100 * third / copyRate);
            System.out.printf("marking the replicas seen, alone: %,10.0f rows/s  %5.1f%% of (a)%n", marking,
                    100 * marking / copyRate);
            System.out.printf("peak RSS: %s%n", BenchmarkSupport.peakRss());
            System.out.printf("committed at the end: %s%n", BenchmarkSupport.committedMemory());
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    /**
     * Times the one write that an unchanged feed cannot avoid: setting {@code status_last_seen}
     * of every replica of the source, with one statement. A load of the unchanged feed does it
     * too, besides reading the feed and matching its keys, so its rate stays below this one.
     *
     * @return the seconds taken
     */
    private static double markEverySeen(Database database, SchemaMapping mapping, DataSource source) {
        SynchroTables tables = new SynchroTables(mapping);
        return database.jdbi().withHandle(handle -> {
            handle.execute("VACUUM " + tables.replicas());
            long start = System.nanoTime();
            handle.createUpdate("UPDATE " + tables.replicas() + " SET " + tables.replica("status_last_seen")
                    + " = statement_timestamp() WHERE " + tables.replica("sync_source_id") + " = :source")
                    .bind("source", source.id()).execute();
            return (System.nanoTime() - start) / 1e9;
        });
    }

    /** Writes the generator's Server file as a synchro feed: primary_key (the name) first, keys by column. */
    private static Path synchroFeed(Path servers, Path target) throws Exception {
        try (java.io.BufferedReader reader = Files.newBufferedReader(servers, StandardCharsets.UTF_8);
             java.io.BufferedWriter writer = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            writer.write("primary_key," + reader.readLine().replaceAll("->[a-z_]+", ""));
            writer.newLine();
            String line;
            while ((line = reader.readLine()) != null) {
                writer.write(line.substring(0, line.indexOf(',')) + "," + line);
                writer.newLine();
            }
        }
        return target;
    }

    private static long lineCount(Path file) throws Exception {
        try (java.util.stream.Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.count();
        }
    }

    private static String header(Path feed) throws Exception {
        try (java.io.BufferedReader reader = Files.newBufferedReader(feed, StandardCharsets.UTF_8)) {
            return reader.readLine();
        }
    }

    private static DataSource.Builder serverSource(Path feed) throws Exception {
        String header = header(feed);
        List<SynchroAttributeDef> attributes = new ArrayList<>();
        for (String column : header.split(",")) {
            if (column.equals("primary_key")) {
                continue;
            }
            attributes.add(column.endsWith("_id")
                    ? SynchroAttributeDef.externalKey(column, true, false, "master_locked", "name")
                    : SynchroAttributeDef.plain(column, true, column.equals("name"), "master_locked"));
        }
        return DataSource.builder("Benchmark servers", "Server").status("production").deletePolicy("update")
                .deletePolicyUpdate("status:obsolete").attributes(attributes);
    }

    private static double load(Database database, SchemaMapping mapping, DataSource source, Path feed) throws Exception {
        Parameters parameters = Parameters.builder()
                .add("data_source_id", Long.toString(source.id()), ParameterOrigin.argument(1))
                .add("separator", ",", ParameterOrigin.argument(2))
                .add("charset", "UTF-8", ParameterOrigin.argument(3))
                .add("max_chunk_size", System.getProperty("chunk", "5000"), ParameterOrigin.argument(4))
                .build();
        ServiceContext context = new ServiceContext(FrontEnd.API, database, mapping, SynchroFixture.ADMIN,
                System.err::println, Clock.systemUTC());
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        long start = System.nanoTime();
        new SynchroImportService().run(context, parameters, ImportInput.of(feed), ServiceOutput.of(output));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.err.printf("%s in %.1f s:%n%s%n", feed.getFileName(), seconds, output.toString(StandardCharsets.UTF_8));
        return seconds;
    }

}
