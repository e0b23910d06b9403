package io.github.itopdata.core.synchro;

import io.github.itopdata.core.imports.internal.CsvRowReader;
import io.github.itopdata.core.imports.internal.PhpDateFormat;
import io.github.itopdata.core.imports.internal.RowFeed;
import io.github.itopdata.core.model.AttributeDef;
import io.github.itopdata.core.model.AttributeType;
import io.github.itopdata.core.model.ModelClass;
import io.github.itopdata.core.store.SchemaMapping;
import io.github.itopdata.core.store.internal.CopyRowWriter;
import io.github.itopdata.core.synchro.internal.FeedDocuments;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Handle;

/**
 * Loads CSV rows into the replica table of a data source, set-based: each chunk of rows is
 * copied into a temporary table with COPY, then a few statements match the rows to the table
 * by folded {@code primary_key} (case, accents and trailing spaces ignored), insert the new
 * ones and update the others, so the triggers mark every loaded row as seen.
 *
 * <p>Per-row semantics are kept: a primary key that appears twice in the feed is inserted by its
 * first occurrence and updated by the next ones (the last wins; each counts), a key matching
 * several rows of the table is an issue, a date cell that does not match the format is skipped
 * (left NULL in a new row, unchanged in an updated one) with a warning line, and
 * {@code <NULL>} is stored as SQL NULL. A cell containing a NUL character, which PostgreSQL's
 * text cannot hold, is skipped the same way; in {@code primary_key} it makes the row an issue.
 * Document cells are checked and converted by {@link FeedDocuments}, base64 decoding included.
 */
public final class FeedLoader {

    /** Rows copied and applied per round. */
    static final int CHUNK_ROWS = 10_000;

    /** One line of the row report, and whether summary mode prints it too. */
    public record RowLine(long row, String text, boolean inSummary) {
    }

    /** The counts of a load. */
    public record LoadResult(long dataLines, long created, long updated, long issues, Optional<String> stopError) {
    }

    private final Handle handle;
    private final DataSource source;
    private final List<String> header;
    private final List<String> columns;
    private final PhpDateFormat dateTimeFormat;
    private final PhpDateFormat dateFormat;
    private final Map<Integer, AttributeType> dateColumns = new TreeMap<>();
    private final FeedDocuments documents;
    private final boolean noStopOnError;
    private final boolean everyLine;
    private final java.util.function.Consumer<RowLine> lines;
    private final Runnable commit;
    private final String replicaTable;
    private long insertedSinceAnalyze;
    /** Nanoseconds the reading thread spent checking rows, besides parsing them. */
    private long checkingNanos;
    private final io.github.itopdata.core.synchro.internal.SynchroTables replicas;
    /** Nanoseconds spent in each step of the chunks: see {@link #STEPS}. */
    private final long[] nanos = new long[STEPS.size()];
    private static final List<String> STEPS = List.of("waiting for rows", "copying", "matching", "inserting", "updating",
            "reporting", "committing");
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FeedLoader.class);

    /**
     * Creates a loader.
     *
     * @param header the checked header, {@code primary_key} included
     * @param dateFormat the {@code date_format} in PHP letters
     * @param lines receives the lines of the row report, in row order
     * @param everyLine whether {@code lines} receives the lines of every row ({@code details} mode), or only
     *     those that summary mode prints too
     * @param commit called after each chunk: commits, except in simulate mode
     */
    public FeedLoader(Handle handle, SchemaMapping mapping, DataSource source, List<String> header, String dateFormat,
            boolean noStopOnError, java.util.function.Consumer<RowLine> lines, boolean everyLine, Runnable commit) {
        this.handle = handle;
        this.source = source;
        this.header = List.copyOf(header);
        this.columns = header.stream().filter(c -> !c.equals("primary_key")).toList();
        this.dateTimeFormat = PhpDateFormat.of(dateFormat);
        this.dateFormat = PhpDateFormat.of(PhpDateFormat.datePart(dateFormat));
        ModelClass modelClass = mapping.model().get(source.scopeClass());
        for (int i = 0; i < header.size(); i++) {
            Optional<AttributeDef> attribute = modelClass.attribute(header.get(i));
            if (attribute.isPresent() && (attribute.get().type() == AttributeType.DATE
                    || attribute.get().type() == AttributeType.DATE_TIME)) {
                dateColumns.put(i, attribute.get().type());
            }
        }
        this.documents = new FeedDocuments(modelClass, header);
        this.noStopOnError = noStopOnError;
        this.lines = lines;
        this.everyLine = everyLine;
        this.commit = commit;
        this.replicas = new io.github.itopdata.core.synchro.internal.SynchroTables(mapping);
        this.replicaTable = replicas.replicas();
    }

    /** Returns the codes of the date columns (date-only when {@code dateOnly}) in file order. */
    public List<String> dateColumns(boolean dateOnly) {
        AttributeType wanted = dateOnly ? AttributeType.DATE : AttributeType.DATE_TIME;
        return dateColumns.entrySet().stream().filter(e -> e.getValue() == wanted).map(e -> header.get(e.getKey()))
                .toList();
    }

    /**
     * Reads the data rows (the header already read) and loads them. A thread of its own reads
     * and checks the rows ahead of this one, which copies and applies them.
     */
    public LoadResult load(CsvRowReader rows) throws IOException {
        long started = System.nanoTime();
        createFeedTable();
        long rowNumber = 0;
        long[] counts = new long[3];
        List<List<String>> chunk = new ArrayList<>();
        List<Long> chunkRows = new ArrayList<>();
        TreeMap<Long, List<String>> rowMessages = new TreeMap<>();
        try (RowFeed<FeedRow> feed = new RowFeed<>(rows, this::prepare, CHUNK_ROWS,
                "itop-synchro-feed-" + source.id())) {
            FeedRow next;
            while ((next = feed.next()) != null) {
                long row = next.row();
                rowNumber = row + 1;
                if (!next.messages().isEmpty()) {
                    rowMessages.put(row, next.messages());
                }
                if (next.problem() != null) {
                    counts[2]++;
                    if (next.problem().startsWith("!")) {
                        if (!noStopOnError) {
                            flush(chunk, chunkRows, rowMessages, counts);
                            String message = "#" + row + ": Import error '" + next.problem().substring(1) + "'";
                            return new LoadResult(rowNumber, counts[0], counts[1], counts[2], Optional.of(message
                                    + "\n#Loaded " + (counts[0] + counts[1]) + " rows before the error"));
                        }
                        addMessage(rowMessages, row, "!" + row + ": Import error '" + next.problem().substring(1)
                                + "' (continuing)...");
                    }
                    continue;
                }
                chunk.add(next.cells());
                chunkRows.add(row);
                if (chunk.size() >= CHUNK_ROWS) {
                    flush(chunk, chunkRows, rowMessages, counts);
                }
            }
            flush(chunk, chunkRows, rowMessages, counts);
            checkingNanos = feed.convertingNanos();
        } finally {
            handle.execute("DROP TABLE IF EXISTS synchro_feed");
        }
        if (insertedSinceAnalyze >= 1000) {
            analyze();
        }
        logTimes(rowNumber, System.nanoTime() - started);
        return new LoadResult(rowNumber, counts[0], counts[1], counts[2], Optional.empty());
    }

    /**
     * A data row as the reading thread leaves it: its cells checked and converted, the lines it
     * reports, and the problem that keeps it out of the load, if any (see {@link #prepare}).
     */
    private record FeedRow(long row, List<String> cells, List<String> messages, String problem) {
    }

    /**
     * Analyzes the data table and the replica table when the load at least doubled the data
     * table since the planner last counted its rows. The next chunks' key matching and the run's
     * queries are then planned for the tables' real size.
     */
    private void refreshStatistics() {
        if (insertedSinceAnalyze < 1000) {
            return;
        }
        double counted = handle.createQuery("SELECT reltuples FROM pg_class WHERE oid = CAST(:table AS regclass)")
                .bind("table", SchemaMapping.quote(source.databaseTableName()))
                .mapTo(Double.class)
                .one();
        if (insertedSinceAnalyze > Math.max(counted, 0)) {
            analyze();
        }
    }

    private void analyze() {
        handle.execute("ANALYZE " + SchemaMapping.quote(source.databaseTableName()));
        handle.execute("ANALYZE " + replicaTable);
        insertedSinceAnalyze = 0;
    }

    private void logTimes(long rows, long total) {
        nanos[0] = total - java.util.Arrays.stream(nanos, 1, nanos.length).sum();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < STEPS.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(STEPS.get(i)).append(' ').append(nanos[i] / 1_000_000);
        }
        LOG.info("Data source {}: loaded {} rows; ms spent {}; the reading thread spent {} ms checking rows",
                source.id(), rows, text, checkingNanos / 1_000_000);
    }

    private void time(int step, long start) {
        nanos[step] += System.nanoTime() - start;
    }

    /**
     * Checks and converts a row's cells in place, in the reading thread: it uses no database
     * and no state of the loading thread. The row's problem keeps it out of the load: text
     * starting with {@code !} is a database-level error (stops the load unless
     * {@code no_stop_on_import_error}).
     */
    private FeedRow prepare(long row, List<String> cells) {
        List<String> messages = new ArrayList<>(0);
        String problem = check(row, cells, messages);
        return new FeedRow(row, cells, messages, problem);
    }

    private String check(long row, List<String> cells, List<String> messages) {
        if (cells.size() > header.size()) {
            messages.add("!" + row + ": Error - " + cells.size() + " values for " + header.size()
                    + " columns");
            return "row error";
        }
        while (cells.size() < header.size()) {
            cells.add(MISSING);
        }
        String key = cells.get(header.indexOf("primary_key"));
        if (key == null || key == MISSING || key.isEmpty()) {
            messages.add("!" + row + ": Error - primary_key is empty");
            return "row error";
        }
        if (key.length() > 255) {
            return "!value too long for primary_key: " + key.length() + " characters, at most 255";
        }
        if (key.indexOf('\u0000') >= 0) {
            messages.add("!" + row + ": Error - primary_key '" + visibleNul(key) + "' contains a NUL"
                    + " character (0x00), which PostgreSQL cannot store: remove it from the source");
            return "row error";
        }
        for (int column = 0; column < cells.size(); column++) {
            String cell = cells.get(column);
            if (cell != null && cell != MISSING && cell.indexOf('\u0000') >= 0) {
                messages.add("!" + row + ": Invalid value for column " + column + " ('"
                        + header.get(column) + "'): '" + visibleNul(cell) + "' contains a NUL character (0x00), which"
                        + " PostgreSQL cannot store (column skipped)");
                cells.set(column, MISSING);
            }
        }
        documents.prepare(row, cells, header, MISSING).forEach(message -> messages.add("!" + message));
        for (Map.Entry<Integer, AttributeType> date : dateColumns.entrySet()) {
            int column = date.getKey();
            String text = cells.get(column);
            if (text == null || text == MISSING || text.isEmpty()) {
                continue;
            }
            boolean withTime = date.getValue() == AttributeType.DATE_TIME;
            PhpDateFormat format = withTime ? dateTimeFormat : dateFormat;
            Optional<LocalDateTime> parsed = format.parse(text);
            if (parsed.isEmpty()) {
                messages.add("!" + row + ": Wrong format for " + (withTime ? "DATETIME" : "DATE")
                        + " column " + column + ": '" + text + "' does not match the expected format: '"
                        + format.format() + "' (column skipped)");
                cells.set(column, MISSING);
            } else {
                cells.set(column, withTime ? PhpDateFormat.internalDateTime().render(parsed.get())
                        : parsed.get().toLocalDate().toString());
            }
        }
        return null;
    }

    /** Shows a text with its NUL characters written as {@code \0}. */
    private static String visibleNul(String text) {
        return text.replace("\u0000", "\\0");
    }

    /** Marks a cell that is not written: absent from a short row, or a date that did not convert. */
    private static final String MISSING = new String("<missing>");

    private static void addMessage(TreeMap<Long, List<String>> rowMessages, long row, String message) {
        rowMessages.computeIfAbsent(row, r -> new ArrayList<>()).add(message);
    }

    private void createFeedTable() {
        handle.execute("DROP TABLE IF EXISTS synchro_feed");
        handle.execute("CREATE TEMP TABLE synchro_feed (row_no bigint, pk text, skipped text[]"
                + IntStream.range(0, columns.size()).mapToObj(i -> ", c" + i + " " + documents.feedType(columns.get(i)))
                        .collect(Collectors.joining())
                + ")");
    }

    private void flush(List<List<String>> chunk, List<Long> chunkRows, TreeMap<Long, List<String>> rowMessages,
            long[] counts) {
        if (!chunk.isEmpty()) {
            long start = System.nanoTime();
            copy(chunk, chunkRows);
            time(1, start);
            long insertedBefore = counts[0];
            apply(rowMessages, counts);
            insertedSinceAnalyze += counts[0] - insertedBefore;
            refreshStatistics();
            start = System.nanoTime();
            handle.execute("TRUNCATE synchro_feed");
            commit.run();
            time(6, start);
        }
        for (Map.Entry<Long, List<String>> messages : rowMessages.entrySet()) {
            for (String message : messages.getValue()) {
                boolean always = message.startsWith("!");
                lines.accept(new RowLine(messages.getKey(), always ? message.substring(1) : message, always));
            }
        }
        rowMessages.clear();
        chunk.clear();
        chunkRows.clear();
    }

    private void copy(List<List<String>> chunk, List<Long> chunkRows) {
        int keyIndex = header.indexOf("primary_key");
        String copySql = "COPY synchro_feed (row_no, pk, skipped"
                + IntStream.range(0, columns.size()).mapToObj(i -> ", c" + i).collect(Collectors.joining())
                + ") FROM STDIN";
        try {
            Connection connection = handle.getConnection();
            try (CopyRowWriter writer = CopyRowWriter.open(connection, copySql)) {
                for (int r = 0; r < chunk.size(); r++) {
                    List<String> cells = chunk.get(r);
                    writer.field(Long.toString(chunkRows.get(r)));
                    writer.field(cells.get(keyIndex));
                    List<String> skipped = new ArrayList<>();
                    List<String> values = new ArrayList<>();
                    for (int i = 0; i < header.size(); i++) {
                        if (i == keyIndex) {
                            continue;
                        }
                        String cell = cells.get(i);
                        if (cell == MISSING) {
                            skipped.add(header.get(i));
                            values.add(null);
                        } else {
                            values.add(cell);
                        }
                    }
                    writer.field(skipped.isEmpty() ? null : arrayLiteral(skipped));
                    for (String value : values) {
                        writer.field(value);
                    }
                    writer.endRow();
                }
                writer.finish();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not copy the feed into the staging table: " + e.getMessage(), e);
        }
    }

    private static String arrayLiteral(List<String> names) {
        return names.stream().map(n -> "\"" + n.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }

    /** Matches, inserts and updates the staged chunk, then reports its rows in order. */
    private void apply(TreeMap<Long, List<String>> rowMessages, long[] counts) {
        String table = SchemaMapping.quote(source.databaseTableName());
        long start = System.nanoTime();
        // Each statement below touches the chunk's rows only, so it should reach the data and
        // replica tables by index. The temporary tables have no statistics, and a planner that
        // guesses the chunk large may choose to read the whole data table instead.
        handle.execute("SET LOCAL enable_seqscan = off");
        handle.execute("DROP TABLE IF EXISTS synchro_plan");
        handle.execute("CREATE TEMP TABLE synchro_plan AS"
                + " WITH s AS (SELECT row_no, pk, itop_fold(pk) AS f,"
                + "   row_number() OVER (PARTITION BY itop_fold(pk) ORDER BY row_no) AS occ FROM synchro_feed),"
                + " m AS (SELECT itop_fold(d.primary_key) AS f, count(*) AS n, min(d.id) AS id FROM " + table + " d"
                + "   WHERE itop_fold(d.primary_key) IN (SELECT f FROM s) GROUP BY 1)"
                + " SELECT s.row_no, s.pk, s.f, s.occ, coalesce(m.n, 0) AS n, m.id,"
                + "   CASE WHEN coalesce(m.n, 0) > 1 THEN 'issue' WHEN coalesce(m.n, 0) = 0 AND s.occ = 1 THEN 'insert'"
                + "   ELSE 'update' END AS action FROM s LEFT JOIN m ON m.f = s.f");

        time(2, start);
        start = System.nanoTime();
        String columnList = columns.stream().map(SchemaMapping::quote).collect(Collectors.joining(", "));
        String valueList = IntStream.range(0, columns.size()).mapToObj(i -> "f.c" + i).collect(Collectors.joining(", "));
        handle.execute("INSERT INTO " + table + " (primary_key" + (columns.isEmpty() ? "" : ", " + columnList)
                + ") SELECT f.pk" + (columns.isEmpty() ? "" : ", " + valueList)
                + " FROM synchro_feed f JOIN synchro_plan p ON p.row_no = f.row_no WHERE p.action = 'insert'"
                + " ORDER BY f.row_no");

        time(3, start);
        start = System.nanoTime();
        // Later occurrences of a key that this chunk inserted find the row's id only now.
        handle.execute("UPDATE synchro_plan p SET id = (SELECT min(d.id) FROM " + table + " d"
                + " WHERE itop_fold(d.primary_key) = p.f) WHERE p.action = 'update' AND p.id IS NULL AND p.n = 0");
        int passes = handle.createQuery("SELECT coalesce(max(occ), 0) FROM synchro_plan WHERE action = 'update'")
                .mapTo(Integer.class).one();
        List<String> newValues = IntStream.range(0, columns.size())
                .mapToObj(i -> "CASE WHEN " + SchemaMapping.literal(columns.get(i)) + " = ANY(coalesce(f.skipped, '{}'))"
                        + " THEN d." + SchemaMapping.quote(columns.get(i)) + " ELSE f.c" + i + " END")
                .toList();
        String assignments = IntStream.range(0, columns.size())
                .mapToObj(i -> SchemaMapping.quote(columns.get(i)) + " = " + newValues.get(i))
                .collect(Collectors.joining(", "));
        String changed = columns.isEmpty() ? "FALSE"
                : "ROW(" + columns.stream().map(c -> "d." + SchemaMapping.quote(c)).collect(Collectors.joining(", "))
                        + ") IS DISTINCT FROM ROW(" + String.join(", ", newValues) + ")";
        String matched = " FROM synchro_feed f JOIN synchro_plan p ON p.row_no = f.row_no";
        String status = replicas.replica("status");
        for (int occurrence = 1; occurrence <= passes; occurrence++) {
            // The replicas are marked seen, and modified when their row changes, as the update trigger
            // would mark them. Then only the rows whose values change are written, without the trigger.
            handle.createUpdate("UPDATE " + replicas.replicas() + " r SET " + replicas.replica("status_last_seen")
                            + " = statement_timestamp(), " + status + " = CASE WHEN r." + status + " = 'obsolete' THEN"
                            + " (CASE WHEN r." + replicas.replica("dest_id") + " IS NULL THEN 'new' ELSE 'modified' END)"
                            + " WHEN r." + status + " = 'synchronized' AND " + changed + " THEN 'modified'"
                            + " ELSE r." + status + " END" + matched + " JOIN " + table + " d ON d.id = p.id"
                            + " WHERE p.action = 'update' AND p.occ = :occ AND r.id = d.id")
                    .bind("occ", occurrence).execute();
            if (!columns.isEmpty()) {
                setReplicasMaintained(true);
                handle.createUpdate("UPDATE " + table + " d SET " + assignments + matched
                                + " WHERE p.action = 'update' AND p.occ = :occ AND d.id = p.id AND "
                                + changed)
                        .bind("occ", occurrence).execute();
                setReplicasMaintained(false);
            }
        }
        time(4, start);
        start = System.nanoTime();
        // Without the lines of every row, only the issues are read back; the other rows are counted.
        handle.createQuery("SELECT row_no, pk, n, action FROM synchro_plan"
                        + (everyLine ? "" : " WHERE action = 'issue'") + " ORDER BY row_no")
                .map((rows, context) -> new Object[] {rows.getLong(1), rows.getString(2), rows.getLong(3), rows.getString(4)})
                .forEach(plan -> {
                    long row = (Long) plan[0];
                    String key = sqlQuote((String) plan[1]);
                    List<String> messages = rowMessages.computeIfAbsent(row, r -> new ArrayList<>());
                    switch ((String) plan[3]) {
                        case "insert" -> {
                            counts[0]++;
                            messages.add(0, row + ": New entry, reconciliation: '`primary_key` = " + key + "'");
                        }
                        case "update" -> {
                            counts[1]++;
                            messages.add(0, row + ": Update entry, reconciliation: '`primary_key` = " + key + "'");
                        }
                        default -> {
                            counts[2]++;
                            messages.add(0, "!" + row + ": Error - Failed to reconcile, found " + plan[2]
                                    + " rows having '`primary_key` = " + key + "'");
                        }
                    }
                });
        if (!everyLine) {
            handle.createQuery("SELECT action, count(*) FROM synchro_plan WHERE action <> 'issue' GROUP BY action")
                    .map((rows, context) -> Map.entry(rows.getString(1), rows.getLong(2)))
                    .forEach(count -> counts[count.getKey().equals("insert") ? 0 : 1] += count.getValue());
        }
        handle.execute("DROP TABLE synchro_plan");
        handle.execute("SET LOCAL enable_seqscan TO DEFAULT");
        time(5, start);
    }

    private void setReplicasMaintained(boolean on) {
        handle.createQuery("SELECT set_config(:name, :value, true)")
                .bind("name", io.github.itopdata.core.synchro.internal.ReplicaTable.REPLICAS_MAINTAINED)
                .bind("value", on ? "on" : "off")
                .mapTo(String.class)
                .one();
    }

    /** Quotes a value as MySQL would in the reconciliation text: {@code '} as {@code \'}, {@code \} as {@code \\}. */
    static String sqlQuote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
