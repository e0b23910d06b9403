package io.github.itopdata.core.testing;

import io.github.itopdata.core.db.Database;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.postgresql.PGConnection;

/** Measurements that the benchmarks share: the raw COPY reference and the JVM's peak memory. */
public final class BenchmarkSupport {

    private BenchmarkSupport() {
    }

    /**
     * Copies a CSV file (comma-separated, with a header line) into a new plain table of text
     * columns, one per header column, and returns the seconds the COPY took.
     */
    public static double rawCopy(Database database, Path file, String table) throws Exception {
        String header;
        try (var lines = Files.lines(file)) {
            header = lines.findFirst().orElseThrow();
        }
        StringBuilder ddl = new StringBuilder("CREATE TABLE " + table + " (");
        String[] columns = header.split(",");
        for (int i = 0; i < columns.length; i++) {
            ddl.append(i == 0 ? "" : ", ").append("c").append(i).append(" text");
        }
        try (Connection connection = database.dataSource().getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(ddl.append(')').toString());
            }
            long start = System.nanoTime();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY " + table + " FROM STDIN WITH (FORMAT csv, HEADER true)", reader);
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    /**
     * Returns the memory the JVM's heap and the other pools it manages (metaspace, code cache)
     * hold from the system now, in kB: the heap's share of the resident size grows with the heap
     * in use, up to {@code -Xmx}.
     */
    public static String committedMemory() {
        java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
        long heap = memory.getHeapMemoryUsage().getCommitted() / 1024;
        long other = memory.getNonHeapMemoryUsage().getCommitted() / 1024;
        return "heap " + heap + " kB, non-heap " + other + " kB";
    }

    /** Returns the peak resident memory of this JVM ({@code VmHWM}), as the kernel prints it. */
    public static String peakRss() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                .map(l -> l.substring("VmHWM:".length()).strip()).findFirst().orElse("unknown");
    }
}
