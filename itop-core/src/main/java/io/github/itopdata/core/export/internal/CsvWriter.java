package io.github.itopdata.core.export.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.util.List;

/**
 * CSV output: the header row, then one line per row, each ending with LF. Texts are quoted, with
 * the qualifier doubled inside and CR LF turned into LF. Ids, numbers and booleans are bare, and
 * so are empty numbers and dates. Each cell is fitted to the target charset on its own.
 */
public final class CsvWriter implements RowWriter {

    private final Writer out;
    private final List<Column> columns;
    private final CellFormatter formatter;
    private final CharsetText charset;
    private final String separator;
    private final String qualifier;
    private final boolean neutralizeFormulas;
    private final boolean quoteHeader;
    private final boolean byteOrderMark;

    public CsvWriter(OutputStream output, List<Column> columns, CellFormatter formatter, CharsetText charset, int separator,
                     Integer qualifier, boolean neutralizeFormulas, boolean quoteHeader, boolean byteOrderMark) {
        this.out = new BufferedWriter(new OutputStreamWriter(output, charset.charset()), 1 << 16);
        this.columns = columns;
        this.formatter = formatter;
        this.charset = charset;
        this.separator = new String(Character.toChars(separator));
        this.qualifier = qualifier == null ? "" : new String(Character.toChars(qualifier));
        this.neutralizeFormulas = neutralizeFormulas;
        this.quoteHeader = quoteHeader;
        this.byteOrderMark = byteOrderMark;
    }

    @Override
    public void begin() throws IOException {
        if (byteOrderMark) {
            out.write('\uFEFF');
        }
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                out.write(separator);
            }
            String header = charset.fit(columns.get(i).header());
            out.write(quoteHeader ? quote(header) : header);
        }
        out.write('\n');
    }

    @Override
    public void row(Row row) throws IOException {
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                out.write(separator);
            }
            Column column = columns.get(i);
            String text = formatter.text(column, row.values()[i]);
            if (text == null) {
                continue;
            }
            text = charset.fit(text);
            if (neutralizeFormulas) {
                text = TextValues.neutralizeFormula(text);
            }
            out.write(column.kind().isBare() ? text : quote(text));
        }
        out.write('\n');
    }

    private String quote(String text) {
        String value = text.indexOf('\r') >= 0 ? text.replace("\r\n", "\n") : text;
        if (qualifier.isEmpty()) {
            return value;
        }
        if (value.contains(qualifier)) {
            value = value.replace(qualifier, qualifier + qualifier);
        }
        return qualifier + value + qualifier;
    }

    @Override
    public void end() throws IOException {
        out.flush();
    }
}
