package io.github.itopdata.core.export;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.export.ExportException.Reason;
import io.github.itopdata.core.export.internal.CellFormatter;
import io.github.itopdata.core.export.internal.CharsetText;
import io.github.itopdata.core.export.internal.Column;
import io.github.itopdata.core.export.internal.ColumnPlanner;
import io.github.itopdata.core.export.internal.CsvWriter;
import io.github.itopdata.core.export.internal.HtmlWriter;
import io.github.itopdata.core.export.internal.PhpDateFormat;
import io.github.itopdata.core.export.internal.Row;
import io.github.itopdata.core.export.internal.RowWriter;
import io.github.itopdata.core.export.internal.SpreadsheetWriter;
import io.github.itopdata.core.export.internal.ValueKind;
import io.github.itopdata.core.export.internal.XlsxWriter;
import io.github.itopdata.core.export.internal.XmlWriter;
import io.github.itopdata.core.query.CheckedQuery;
import io.github.itopdata.core.query.FieldPath;
import io.github.itopdata.core.query.OqlCompiler;
import io.github.itopdata.core.query.OqlException;
import io.github.itopdata.core.query.Phrasebook;
import io.github.itopdata.core.query.SqlQuery;
import io.github.itopdata.core.store.SchemaMapping;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The export engine: checks a request completely before the first byte ({@link #prepare}),
 * then streams rows from one server-side cursor, in one read-only REPEATABLE READ transaction,
 * straight into the format's writer ({@link #write}). Memory does not grow with the row count.
 */
public final class Exporter {

    /** Rows fetched from the server per round trip, by default. */
    public static final int FETCH_SIZE = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(Exporter.class);

    private final Database database;
    private final SchemaMapping mapping;
    private final OqlCompiler compiler;
    private final Phrasebook phrasebook;
    private final int fetchSize;

    public Exporter(Database database, SchemaMapping mapping) {
        this(database, mapping, new OqlCompiler(mapping.model()), FETCH_SIZE);
    }

    /**
     * Creates an exporter.
     *
     * @param fetchSize rows fetched from the server per round trip (at least 1); the output does not depend on it
     */
    public Exporter(Database database, SchemaMapping mapping, OqlCompiler compiler, int fetchSize) {
        if (fetchSize < 1) {
            throw new IllegalArgumentException("fetchSize must be at least 1, got " + fetchSize);
        }
        this.database = database;
        this.mapping = mapping;
        this.compiler = compiler;
        this.phrasebook = new Phrasebook(database.jdbi());
        this.fetchSize = fetchSize;
    }

    public OqlCompiler compiler() {
        return compiler;
    }

    /** Checks and runs an export in one call. */
    public void export(ExportRequest request, OutputStream output) {
        write(prepare(request), output);
    }

    /**
     * Checks everything an export needs (query, parameters, fields, charset, date format) and
     * returns the plan; writes nothing.
     *
     * @throws ExportException with {@link Reason#INVALID_REQUEST} or {@link Reason#NOT_FOUND}
     */
    public ExportPlan prepare(ExportRequest request) {
        String oql = request.expression();
        String defaultFields = "";
        Long phrasebookId = null;
        if (oql == null) {
            Optional<Phrasebook.Entry> entry = phrasebook.find(request.queryId());
            if (entry.isEmpty()) {
                throw new ExportException(Reason.NOT_FOUND, "Invalid query phrasebook identifier: '" + request.queryId() + "'");
            }
            oql = entry.get().oql();
            defaultFields = entry.get().fields();
            phrasebookId = entry.get().id();
        }
        CheckedQuery query = compile(oql);
        for (String parameter : query.requiredArguments()) {
            String name = parameter.contains("->") ? parameter.substring(0, parameter.indexOf("->")) : parameter;
            if (!request.arguments().containsKey(parameter)) {
                throw new ExportException(Reason.INVALID_REQUEST,
                        List.of("Invalid OQL query: '" + oql + "'.", "Missing parameter '--arg_" + name + "'"), true, null);
            }
        }
        CharsetText charset = charset(request);
        PhpDateFormat dateFormat = dateFormat(request);

        ColumnPlanner planner = new ColumnPlanner(compiler.filterCodes(), query, request.localized(), request.legacy());
        List<Column> columns = List.of();
        List<FieldPath> paths = new ArrayList<>();
        Function<OutputStream, RowWriter> writer;
        if (request.format().isTabular()) {
            String fields = request.fields() == null || request.fields().isBlank() ? defaultFields : request.fields();
            boolean advanced = request.advancedFields()
                    && (request.format() == ExportFormat.CSV || request.format() == ExportFormat.SPREADSHEET);
            columns = planner.columns(fields, advanced);
            for (Column column : columns) {
                paths.add(column.path());
            }
            writer = tabularWriter(request, columns, paths, planner, charset, dateFormat);
        } else {
            writer = xmlWriter(request, query, paths, planner);
        }

        Map<String, String> arguments = new HashMap<>(request.builtInArguments());
        arguments.putAll(request.arguments());
        SqlQuery sql;
        try {
            sql = compiler.toSql(mapping, query, arguments, !request.includeObsolete(), paths);
        } catch (OqlException e) {
            // An obsolescence condition of the model that does not check is the model's fault, not the request's.
            throw new ExportException(Reason.FAILED, List.of("Export failed: '" + e.getMessage() + "'"), false, e);
        }
        return new ExportPlan(request, query, sql, columns, writer, phrasebookId, charset.charset().name());
    }

    private CheckedQuery compile(String oql) {
        try {
            return compiler.compile(oql);
        } catch (OqlException e) {
            List<String> lines = new ArrayList<>();
            if (e.kind() != OqlException.Kind.LEXICAL) {
                lines.add("Invalid OQL query: '" + oql + "'.");
            }
            lines.addAll(List.of(e.withCaret().split("\n", -1)));
            throw new ExportException(Reason.INVALID_REQUEST, lines, false, e);
        }
    }

    private static CharsetText charset(ExportRequest request) {
        String name = request.charset().toUpperCase(Locale.ROOT);
        try {
            return new CharsetText(Charset.forName(name));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new ExportException(Reason.INVALID_REQUEST, "Unsupported charset '" + request.charset() + "'");
        }
    }

    private static PhpDateFormat dateFormat(ExportRequest request) {
        try {
            return PhpDateFormat.parse(request.dateFormat());
        } catch (IllegalArgumentException e) {
            throw new ExportException(Reason.INVALID_REQUEST, e.getMessage());
        }
    }

    private Function<OutputStream, RowWriter> tabularWriter(ExportRequest request, List<Column> columns, List<FieldPath> paths,
                                                            ColumnPlanner planner, CharsetText charset, PhpDateFormat dateFormat) {
        CellFormatter formatter = new CellFormatter(mapping.model(), request.localized(), dateFormat, request.keepsMarkup());
        switch (request.format()) {
            case CSV: {
                boolean bom = request.legacy() && request.charset().equals("UTF-8");
                return output -> new CsvWriter(output, columns, formatter, charset, request.separator(), request.textQualifier(),
                        request.neutralizeFormulas(), !request.legacy(), bom);
            }
            case XLSX:
                String author = request.builtInArguments().getOrDefault("current_user->login", "");
                return output -> new XlsxWriter(output, columns, formatter, dateFormat, author);
            case SPREADSHEET:
                return output -> new SpreadsheetWriter(output, columns, formatter, dateFormat);
            default: {
                List<HtmlWriter.Link> links = planner.htmlLinks(columns, paths);
                return output -> new HtmlWriter(output, columns, links, formatter, request.applicationUrl());
            }
        }
    }

    private Function<OutputStream, RowWriter> xmlWriter(ExportRequest request, CheckedQuery query, List<FieldPath> paths,
                                                        ColumnPlanner planner) {
        CellFormatter formatter = new CellFormatter(mapping.model(), request.localized(), PhpDateFormat.parse(PhpDateFormat.DEFAULT), true);
        List<Map<String, List<XmlWriter.XmlField>>> layouts = planner.xmlLayouts(paths, mapping);
        List<String> classes = query.selectedClasses().stream().map(c -> c.name()).toList();
        return output -> new XmlWriter(output, query.selectedAliases(), classes, layouts, formatter, request.legacy());
    }

    /**
     * Runs a prepared export, writing the document to {@code output} as rows arrive. Over HTTP,
     * the phrasebook entry's export count is the caller's business ({@link Phrasebook#recordExport}).
     *
     * @throws ExportException with {@link Reason#FAILED} when the database or the output fails;
     *                         part of the document may have been written
     */
    public long write(ExportPlan plan, OutputStream output) {
        SqlQuery sql = plan.sql();
        long started = System.nanoTime();
        long rows = 0;
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try (PreparedStatement statement = connection.prepareStatement(sql.sql(), ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY)) {
                statement.setFetchSize(fetchSize);
                for (int i = 0; i < sql.parameters().size(); i++) {
                    statement.setObject(i + 1, sql.parameters().get(i));
                }
                RowWriter writer = plan.newWriter(output);
                writer.begin();
                try (ResultSet result = statement.executeQuery()) {
                    RowReader reader = new RowReader(result, sql, plan);
                    while (result.next()) {
                        writer.row(reader.read());
                        rows++;
                    }
                }
                writer.end();
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new ExportException(Reason.FAILED, List.of("Export failed: '" + e.getMessage() + "'"), false, e);
        } catch (IOException | UncheckedIOException e) {
            throw new ExportException(Reason.FAILED, List.of("Export failed: '" + e.getMessage() + "'"), false, e);
        }
        LOG.debug("Export of {} rows in {} ms", rows, (System.nanoTime() - started) / 1_000_000);
        return rows;
    }

    /** Reads one row of the cursor into the writers' form: ids, classes and raw values by kind. */
    private static final class RowReader {
        private final ResultSet result;
        private final SqlQuery sql;
        private final ValueKind[] kinds;

        RowReader(ResultSet result, SqlQuery sql, ExportPlan plan) throws SQLException {
            this.result = result;
            this.sql = sql;
            int fields = result.getMetaData().getColumnCount() - 2 * sql.aliasCount();
            this.kinds = new ValueKind[fields];
            for (int i = 0; i < fields; i++) {
                kinds[i] = i < plan.columns().size() ? plan.columns().get(i).kind() : null;
                if (kinds[i] == null) {
                    // Extra values (link names, xml children) are read as text, booleans aside.
                    int type = result.getMetaData().getColumnType(sql.fieldColumn(i));
                    kinds[i] = type == java.sql.Types.BIT || type == java.sql.Types.BOOLEAN ? ValueKind.BOOLEAN : ValueKind.STRING;
                }
            }
        }

        Row read() throws SQLException {
            Long[] ids = new Long[sql.aliasCount()];
            String[] classes = new String[sql.aliasCount()];
            for (int a = 0; a < ids.length; a++) {
                long id = result.getLong(sql.idColumn(a));
                ids[a] = result.wasNull() ? null : id;
                classes[a] = result.getString(sql.finalClassColumn(a));
            }
            Object[] values = new Object[kinds.length];
            for (int i = 0; i < kinds.length; i++) {
                int column = sql.fieldColumn(i);
                switch (kinds[i]) {
                    case ID -> {
                        long value = result.getLong(column);
                        values[i] = result.wasNull() ? null : value;
                    }
                    case BOOLEAN -> {
                        boolean value = result.getBoolean(column);
                        values[i] = result.wasNull() ? null : value;
                    }
                    default -> values[i] = result.getString(column);
                }
            }
            return new Row(ids, classes, values);
        }
    }
}
