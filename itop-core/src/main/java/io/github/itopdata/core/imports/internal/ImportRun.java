package io.github.itopdata.core.imports.internal;

import io.github.itopdata.core.imports.internal.RowWork.KeyOutcome;
import io.github.itopdata.core.imports.internal.RowWork.KeySearch;
import io.github.itopdata.core.model.AttributeDef;
import io.github.itopdata.core.model.AttributeType;
import io.github.itopdata.core.model.Model;
import io.github.itopdata.core.model.ModelClass;
import io.github.itopdata.core.store.ChangeHistory;
import io.github.itopdata.core.store.ChangeOrigin;
import io.github.itopdata.core.store.ChangeSet;
import io.github.itopdata.core.store.ClassTable;
import io.github.itopdata.core.store.ColumnMapping;
import io.github.itopdata.core.store.SchemaMapping;
import io.github.itopdata.core.synchro.SynchroLocks;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes the data rows of one import, a round of rows at a time. A second thread parses and
 * converts the rows ahead (see {@link RowFeed}), so that this work overlaps the queries. Each round
 * resolves its external keys with one query per key and reconciles its rows with one query. Java
 * then decides every row, and one transaction writes creations, updates and history with COPY and
 * one UPDATE.
 *
 * <p>Per-row semantics hold: a round ends before a row whose reconciliation key equals (after
 * folding) the key of an earlier row of the round, so that the later row sees what the earlier
 * one wrote; rows whose external keys point into the imported class's own hierarchy are
 * processed one at a time for the same reason. A round whose write fails is rolled back and
 * written again row by row, so that only the failing row is reported in error.
 *
 * <p>NOTE: on 2 cores the run reaches 10 to 30% of the rate of PostgreSQL's raw COPY of the same
 * file, short of the 40 to 60% aimed at in docs/benchmarks.md. At 1,000,000 rows, PostgreSQL's
 * own CPU time for a first import (COPY into the indexed table, history, one index lookup per
 * row) already exceeds what the 40% target allows, so closing the gap needs less database work
 * per row, not only less Java work.
 */
public final class ImportRun {

    /** Rows per round; large enough to amortize the queries, small enough to keep memory flat. */
    static final int ROUND_ROWS = 2000;
    private static final Logger LOG = LoggerFactory.getLogger(ImportRun.class);
    private static final Pattern ID_TEXT = Pattern.compile("[0-9]{1,18}");

    /** Settings of the run that do not come from the header. */
    public record Options(boolean simulate, boolean allOrNothing, String author, String userInfo, Long userId,
            String comment, boolean table, LongConsumer progress) {
    }

    private final Jdbi jdbi;
    private final Model model;
    private final SchemaMapping mapping;
    private final ModelClass modelClass;
    private final ClassTable table;
    private final HeaderMapping header;
    private final ReconciliationScheme scheme;
    private final ValueConverter converter;
    private final CellRenderer renderer;
    private final Options options;
    private final ReportWriter report;
    private final ExternalKeys externalKeys;
    private final ObjectWriter writer;
    private final LinkSets linkSets;
    private final int roundRows;
    private final SynchroLocks locks;
    /** Whether a data source locks attributes of the class; checked once per run. */
    private boolean locksPossible;

    private long issues;
    private long created;
    private long updated;
    private long unchanged;
    private long processed;
    private boolean written;
    /**
     * Nanoseconds spent in each phase: converting (in the reading thread), external keys,
     * reconciliation, decisions, writes, and waiting for the reading thread.
     */
    private final long[] phaseNanos = new long[6];

    public ImportRun(Jdbi jdbi, Model model, SchemaMapping mapping, ModelClass modelClass, HeaderMapping header,
            ReconciliationScheme scheme, ValueConverter converter, Options options, ReportWriter report) {
        this.jdbi = jdbi;
        this.model = model;
        this.mapping = mapping;
        this.modelClass = modelClass;
        this.table = mapping.table(modelClass.name());
        this.header = header;
        this.scheme = scheme;
        this.converter = converter;
        this.renderer = new CellRenderer(converter);
        this.options = options;
        this.report = report;
        this.externalKeys = new ExternalKeys(model, mapping, modelClass, header, converter);
        this.writer = new ObjectWriter(model, mapping, modelClass, header, converter);
        this.linkSets = new LinkSets(model, mapping, modelClass, header, converter);
        this.writer.linkSets(linkSets);
        this.writer.caseLogEntries(options.author(), java.time.LocalDateTime.now().withNano(0));
        this.roundRows = externalKeys.pointsIntoOwnHierarchy() ? 1 : ROUND_ROWS;
        this.locks = SynchroLocks.of(mapping, true);
    }

    /** Returns the header line of the detail table. */
    public String tableHeader() {
        List<String> parts = new ArrayList<>(List.of("Line", "Status", "Object Class", "Object Id"));
        for (String key : header.externalKeyColumns().keySet()) {
            parts.add(key + " (" + modelClass.attribute(key).map(AttributeDef::label).orElse(key) + " - ext key)");
        }
        for (String code : header.attributeColumns().keySet()) {
            parts.add(code.equals("id") ? "id (id (Primary Key))"
                    : code + " (" + modelClass.attribute(code).map(AttributeDef::label).orElse(code) + ")");
        }
        return String.join(";", parts);
    }

    /**
     * Reads and processes every data row after the header, reporting each one.
     *
     * @return counters: issues, created, updated, unchanged
     */
    public long[] run(CsvRowReader rows) throws IOException {
        try (Handle handle = jdbi.open()) {
            Connection connection = handle.getConnection();
            String lockName = "itop.import." + table.tableName();
            handle.createQuery("SELECT pg_advisory_lock(hashtext(:name))").bind("name", lockName)
                    .mapTo(String.class).one();
            try {
                writer.prepareSession(handle);
                locksPossible = locks.anyLocks(handle, modelClass.name());
                ChangeSet changeSet = ChangeHistory.open(handle, options.userInfo(), options.userId(),
                        ChangeOrigin.CSV_IMPORT, options.comment().isEmpty() ? null : options.comment());
                boolean single = options.simulate() || options.allOrNothing();
                connection.setAutoCommit(false);
                try {
                    processAll(handle, rows, changeSet, single);
                    if (single && (options.simulate() || issues > 0)) {
                        connection.rollback();
                        written = false;
                    } else {
                        connection.commit();
                    }
                } catch (SQLException | RuntimeException | IOException e) {
                    rollbackQuietly(connection, e);
                    throw e;
                } finally {
                    connection.setAutoCommit(true);
                    writer.endSession(handle);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Import into " + modelClass.name() + " failed: " + e.getMessage()
                        + " (SQLState " + e.getSQLState() + ")", e);
            } finally {
                handle.createQuery("SELECT pg_advisory_unlock(hashtext(:name))").bind("name", lockName)
                        .mapTo(Boolean.class).one();
            }
        }
        LOG.info("Import into {}: {} rows, {} created, {} updated, {} unchanged, {} issues{}; ms spent converting {},"
                + " resolving external keys {}, reconciling {}, deciding {}, writing {}, waiting for rows {}",
                modelClass.name(), processed, created, updated, unchanged, issues,
                options.simulate() ? " (simulation)" : "", phaseNanos[0] / 1_000_000, phaseNanos[1] / 1_000_000,
                phaseNanos[2] / 1_000_000, phaseNanos[3] / 1_000_000, phaseNanos[4] / 1_000_000,
                phaseNanos[5] / 1_000_000);
        return new long[] {issues, created, updated, unchanged};
    }

    /** Tells whether the run committed at least one written row. */
    public boolean written() {
        return written;
    }

    private void processAll(Handle handle, CsvRowReader rows, ChangeSet changeSet, boolean single)
            throws IOException, SQLException {
        try (RowFeed<RowWork> feed = new RowFeed<>(rows, (line, cells) -> prepare(new RowWork(line, cells)), ROUND_ROWS,
                "itop-import-" + modelClass.name())) {
            List<RowWork> pending = new ArrayList<>();
            boolean inputEnded = false;
            while (true) {
                long start = System.nanoTime();
                while (!inputEnded && pending.size() < roundRows) {
                    RowWork row = feed.next();
                    if (row == null) {
                        inputEnded = true;
                        break;
                    }
                    pending.add(row);
                }
                phaseNanos[5] += System.nanoTime() - start;
                if (pending.isEmpty()) {
                    phaseNanos[0] = feed.convertingNanos();
                    return;
                }
                int done = processRound(handle, pending, changeSet, single);
                for (int i = 0; i < done; i++) {
                    reportRow(pending.get(i));
                }
                pending = new ArrayList<>(pending.subList(done, pending.size()));
                processed += done;
                options.progress().accept(processed);
            }
        }
    }

    /** Converts the cells of a row and returns it; conversions do not depend on the database. */
    private RowWork prepare(RowWork row) {
        for (Map.Entry<String, Integer> entry : header.attributeColumns().entrySet()) {
            String code = entry.getKey();
            if (code.equals("id")) {
                continue;
            }
            AttributeDef attribute = modelClass.attribute(code).orElseThrow();
            String cell = row.cell(entry.getValue());
            AttributeType type = attribute.type();
            if (type.isExternalKey() || type == AttributeType.FRIENDLY_NAME || type == AttributeType.FINAL_CLASS
                    || type.isLinkedSet()) {
                continue;
            }
            if (type == AttributeType.CASE_LOG) {
                row.values.put(code, CellConversion.valid(cell == null || cell.isEmpty() ? null : cell));
                continue;
            }
            boolean dated = type == AttributeType.DATE || type == AttributeType.DATE_TIME;
            CellConversion conversion = converter.convert(attribute, cell);
            if (dated && converter.dateFormat().isPresent() && !conversion.isValid()
                    && conversion.error().startsWith("Expected format: ")) {
                row.dateErrors.put(code, "'" + cell + "' is an invalid value. " + conversion.error());
            }
            row.values.put(code, conversion);
        }
        externalKeys.prepare(row);
        linkSets.prepare(row);
        return row;
    }

    private int processRound(Handle handle, List<RowWork> pending, ChangeSet changeSet, boolean single)
            throws SQLException {
        List<RowWork> round = pending;
        long start = System.nanoTime();
        // The planner cannot estimate how many rows match a folded key (there are no statistics
        // on itop_fold(...) until the table is analyzed), so it guesses hundreds and chooses a
        // bitmap scan per searched row. A plain index scan took about a quarter less time for the
        // one row a key finds (10,000 keys against 100,000 servers, PostgreSQL 18). SET LOCAL lasts
        // until the transaction ends: the round's commit, or the run's end with transaction=all.
        execute(handle.getConnection(), "SET LOCAL enable_bitmapscan = off");
        externalKeys.resolve(handle, round);
        long resolved = System.nanoTime();
        Reconciler reconciler = new Reconciler(model, mapping, modelClass, header, scheme, writer.comparedColumns());
        int end = reconciler.reconcile(handle, round);
        List<RowWork> decided = round.subList(0, end);
        externalKeys.rejectHierarchyLoops(handle, decided);
        if (locksPossible) {
            readLocks(handle, decided);
        }
        if (!linkSets.isEmpty()) {
            linkSets.resolve(handle.getConnection(), decided);
        }
        long reconciled = System.nanoTime();
        phaseNanos[1] += resolved - start;
        phaseNanos[2] += reconciled - resolved;

        List<ObjectWriter.Action> actions = new ArrayList<>();
        for (RowWork row : decided) {
            ObjectWriter.Action action = decide(row);
            if (action != null) {
                actions.add(action);
            }
        }
        writer.checkUniqueness(handle, actions);
        actions.removeIf(action -> action.row().outcome.kind == RowOutcome.Kind.ISSUE);

        long decidedAt = System.nanoTime();
        phaseNanos[3] += decidedAt - reconciled;
        if (!actions.isEmpty()) {
            writeWithFallback(handle, actions, changeSet, single);
        }
        phaseNanos[4] += System.nanoTime() - decidedAt;
        return end;
    }

    private void readLocks(Handle handle, List<RowWork> rows) throws SQLException {
        List<Long> ids = new ArrayList<>();
        for (RowWork row : rows) {
            if (row.matchCount == 1) {
                ids.add(row.matchedId);
            }
        }
        Map<Long, Map<String, String>> locked = locks.locked(handle, modelClass.name(), ids, null);
        for (RowWork row : rows) {
            row.lockedBy = row.matchCount == 1 ? locked.get(row.matchedId) : null;
        }
    }

    /**
     * Turns each change to an attribute that a data source locks into an error of its cell.
     * NOTE: link sets are not checked against the locks.
     */
    private void rejectLockedChanges(RowWork row, Map<String, Object[]> changes) {
        if (row.lockedBy == null) {
            return;
        }
        for (Iterator<Map.Entry<String, Object[]>> it = changes.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Object[]> change = it.next();
            String source = row.lockedBy.get(change.getKey());
            if (source == null) {
                continue;
            }
            AttributeDef attribute = modelClass.attribute(change.getKey()).orElseThrow();
            String message = SynchroLocks.lockedMessage(attribute.code(), renderer.plain(attribute, change.getValue()[0]),
                    renderer.plain(attribute, change.getValue()[1]), source);
            if (attribute.type().isExternalKey()) {
                KeyOutcome key = row.keys.get(attribute.code());
                row.keys.put(attribute.code(), new KeyOutcome(KeyOutcome.Kind.LOCKED, key == null ? null : key.id(),
                        message));
            } else {
                row.values.put(attribute.code(), CellConversion.invalid(message));
            }
            it.remove();
        }
    }

    private void writeWithFallback(Handle handle, List<ObjectWriter.Action> actions, ChangeSet changeSet,
            boolean single) throws SQLException {
        Connection connection = handle.getConnection();
        Savepoint savepoint = single ? connection.setSavepoint() : null;
        try {
            writer.write(handle, actions, changeSet, options.simulate());
            if (single) {
                connection.releaseSavepoint(savepoint);
            } else {
                connection.commit();
            }
            written = true;
        } catch (SQLException | RuntimeException e) {
            if (single) {
                connection.rollback(savepoint);
            } else {
                connection.rollback();
            }
            if (actions.size() == 1 && e instanceof ObjectWriter.FilteredRuleViolation violation) {
                ObjectWriter.markViolation(violation.rule(), actions.get(0));
                return;
            }
            if (actions.size() == 1) {
                RowWork row = actions.get(0).row();
                LOG.warn("Import into {}: line {} could not be written: {}", modelClass.name(), row.line,
                        e.getMessage());
                RowOutcome failed = row.outcome;
                failed.kind = RowOutcome.Kind.ISSUE;
                failed.status = "Issue: Internal error: " + e.getClass().getSimpleName() + ", " + firstLine(e.getMessage());
                failed.objectClass = actions.get(0).create() ? "n/a" : failed.objectClass;
                failed.objectId = actions.get(0).create() ? "n/a" : failed.objectId;
                failed.diffLines.clear();
                return;
            }
            for (ObjectWriter.Action action : actions) {
                writeWithFallback(handle, List.of(action), changeSet, single);
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /** Decides what a reconciled row does; returns the write it needs, or null. */
    private ObjectWriter.Action decide(RowWork row) {
        RowCells cells = new RowCells(modelClass, header, renderer, row, options.table());
        if (!row.dateErrors.isEmpty()) {
            row.outcome = cells.notProcessed("Issue: wrong date format", true);
            return null;
        }
        if (row.searchValues == null && !row.createWithoutSearch) {
            row.outcome = cells.notProcessed("Issue: failed to reconcile", false);
            return null;
        }
        if (row.matchCount >= 2) {
            row.outcome = cells.notProcessed("Issue: ambiguous reconciliation", false);
            row.outcome.objectId = "Invalid value for attribute";
            return null;
        }
        if (row.matchCount == 0) {
            return decideCreate(row, cells);
        }
        return decideUpdate(row, cells);
    }

    private ObjectWriter.Action decideCreate(RowWork row, RowCells cells) {
        if (modelClass.isAbstract()) {
            row.outcome = cells.notProcessed("Issue: Cannot create an object of the abstract class '"
                    + modelClass.name() + "'", false);
            return null;
        }
        boolean errors = hasInvalidCell(row);
        RowOutcome outcome = cells.created();
        row.outcome = outcome;
        if (errors) {
            outcome.kind = RowOutcome.Kind.ISSUE;
            outcome.status = "Issue: Unexpected attribute value(s)";
            return null;
        }
        List<String> missingKeys = writer.missingMandatoryKeys();
        if (!missingKeys.isEmpty()) {
            outcome.kind = RowOutcome.Kind.ISSUE;
            outcome.status = "Issue: Could not be created, due to missing external key(s): "
                    + String.join(", ", missingKeys);
            return null;
        }
        Map<String, Object> values = writer.newObjectValues(row);
        List<String> problems = writer.missingMandatoryValues(values);
        if (!problems.isEmpty()) {
            outcome.kind = RowOutcome.Kind.ISSUE;
            outcome.status = "Issue: Could not be created: " + String.join(", ", problems);
            return null;
        }
        outcome.kind = RowOutcome.Kind.CREATED;
        outcome.status = "created";
        outcome.objectClass = modelClass.name();
        return new ObjectWriter.Action(row, true, modelClass.name(), 0, values, Map.of());
    }

    private ObjectWriter.Action decideUpdate(RowWork row, RowCells cells) {
        Map<String, Object[]> changes = writer.changes(row);
        rejectLockedChanges(row, changes);
        linkSets.addChanges(row, changes);
        boolean errors = hasInvalidCell(row);
        RowOutcome outcome = cells.updated(changes);
        row.outcome = outcome;
        outcome.objectClass = row.matchedClass;
        outcome.objectId = Long.toString(row.matchedId);
        if (errors) {
            outcome.kind = RowOutcome.Kind.ISSUE;
            outcome.status = "Issue: Unexpected attribute value(s)";
            return null;
        }
        if (changes.isEmpty()) {
            outcome.kind = RowOutcome.Kind.UNCHANGED;
            outcome.status = "unchanged";
            return null;
        }
        outcome.kind = RowOutcome.Kind.UPDATED;
        outcome.status = "updated " + changes.size() + " cols";
        for (Map.Entry<String, Object[]> change : options.table() ? changes.entrySet()
                : Map.<String, Object[]>of().entrySet()) {
            AttributeDef attribute = modelClass.attribute(change.getKey()).orElseThrow();
            outcome.diffLines.add("#  " + change.getKey() + ": \"" + renderer.plain(attribute, change.getValue()[0])
                    + "\" -> \"" + renderer.plain(attribute, change.getValue()[1]) + "\"");
        }
        return new ObjectWriter.Action(row, false, row.matchedClass, row.matchedId, writer.updatedValues(row), changes);
    }

    /** Tells whether a key of the row found no single object or a cell has an invalid value. */
    private static boolean hasInvalidCell(RowWork row) {
        for (KeyOutcome key : row.keys.values()) {
            if (key.isError()) {
                return true;
            }
        }
        for (CellConversion value : row.values.values()) {
            if (!value.isValid()) {
                return true;
            }
        }
        return false;
    }

    private void reportRow(RowWork row) throws IOException {
        RowOutcome outcome = row.outcome;
        switch (outcome.kind) {
            case CREATED -> created++;
            case UPDATED -> updated++;
            case UNCHANGED -> unchanged++;
            default -> issues++;
        }
        StringBuilder line = new StringBuilder();
        line.append(row.line).append(';').append(outcome.status).append(';').append(outcome.objectClass).append(';')
                .append(outcome.objectId);
        for (String cell : outcome.cells) {
            line.append(';').append(cell);
        }
        report.tableLine(line.toString());
        for (String diff : outcome.diffLines) {
            report.diffLine(diff);
        }
    }

    private static void rollbackQuietly(Connection connection, Exception primary) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            primary.addSuppressed(e);
        }
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static boolean isIdText(String text) {
        return ID_TEXT.matcher(text).matches();
    }

    static Map<String, Object> newMap() {
        return new HashMap<>();
    }

    static <K, V> Map<K, V> orderedMap() {
        return new LinkedHashMap<>();
    }
}
