package io.github.itopdata.core.export;

import io.github.itopdata.core.export.internal.Column;
import io.github.itopdata.core.export.internal.RowWriter;
import io.github.itopdata.core.query.CheckedQuery;
import io.github.itopdata.core.query.SqlQuery;
import java.io.OutputStream;
import java.util.List;
import java.util.function.Function;

/**
 * A checked export, ready to run: every argument, the query and the field list passed their
 * checks, so running it fails only if the database or the output fails. Obtained from
 * {@link Exporter#prepare(ExportRequest)}.
 */
public final class ExportPlan {

    private final ExportRequest request;
    private final CheckedQuery query;
    private final SqlQuery sql;
    private final List<Column> columns;
    private final Function<OutputStream, RowWriter> writerFactory;
    private final Long phrasebookId;
    private final String charsetName;

    ExportPlan(ExportRequest request, CheckedQuery query, SqlQuery sql, List<Column> columns,
               Function<OutputStream, RowWriter> writerFactory, Long phrasebookId, String charsetName) {
        this.request = request;
        this.query = query;
        this.sql = sql;
        this.columns = columns;
        this.writerFactory = writerFactory;
        this.phrasebookId = phrasebookId;
        this.charsetName = charsetName;
    }

    public ExportRequest request() {
        return request;
    }

    public CheckedQuery query() {
        return query;
    }

    /** Returns the SQL the export runs, with its bound values (the benchmark copies it). */
    public SqlQuery sql() {
        return sql;
    }

    /** Returns the visible columns, in order. */
    public List<Column> columns() {
        return columns;
    }

    /** Returns the phrasebook entry the query came from, or null for an expression. */
    public Long phrasebookId() {
        return phrasebookId;
    }

    RowWriter newWriter(OutputStream output) {
        return writerFactory.apply(output);
    }

    /** Returns the HTTP Content-Type of the document. */
    public String contentType() {
        switch (request.format()) {
            case CSV:
                if (request.legacy()) {
                    return "text/plain; charset=" + charsetName.toLowerCase();
                }
                return "text/csv;charset=" + charsetName.toLowerCase();
            case XML:
                return request.legacy() ? "text/xml" : "text/xml;charset=utf-8";
            case XLSX:
                return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            default:
                return "text/html; charset=UTF-8";
        }
    }

    /**
     * Returns the file name offered for download ({@code <Class label> Export.<ext>}), or null
     * for the formats shown inline (html, spreadsheet).
     */
    public String fileName() {
        String label = query.mainClass().label();
        switch (request.format()) {
            case CSV:
                return label + " Export.csv";
            case XML:
                return label + " Export.xml";
            case XLSX:
                return request.legacy() ? label + ".xlsx" : label + " Export.xlsx";
            default:
                return null;
        }
    }
}
