package io.github.itopdata.core.export.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.safety.Safelist;

/**
 * HTML for spreadsheets (an Excel "web query"): one {@code <table border="1">}, a header row of
 * {@code <td>}, datetime columns split into a date and a time column, text cells marked
 * {@code x:str} so that a value starting with {@code =} stays text.
 */
public final class SpreadsheetWriter implements RowWriter {

    private final Writer out;
    private final List<Column> columns;
    private final CellFormatter formatter;
    private final PhpDateFormat dateFormat;

    public SpreadsheetWriter(OutputStream output, List<Column> columns, CellFormatter formatter, PhpDateFormat dateFormat) {
        this.out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 1 << 16);
        this.columns = columns;
        this.formatter = formatter;
        this.dateFormat = dateFormat;
    }

    @Override
    public void begin() throws IOException {
        out.write("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"UTF-8\">\n<title>Export for spreadsheet</title>\n"
                + "<style>\ntable br {mso-data-placement:same-cell;}\n</style>\n</head>\n<body>\n<table border=\"1\">\n<tr>\n");
        for (Column column : columns) {
            String header = TextValues.escapeXml(column.header());
            if (column.kind() == ValueKind.DATE_TIME) {
                out.write("<td>" + header + " (date)</td>\n<td>" + header + " (time)</td>\n");
            } else {
                out.write("<td>" + header + "</td>\n");
            }
        }
        out.write("</tr>\n");
    }

    @Override
    public void row(Row row) throws IOException {
        out.write("<tr>");
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            Object raw = row.values()[i];
            if (row.ids()[column.path().aliasIndex()] == null) {
                out.write(column.kind() == ValueKind.DATE_TIME ? "<td x:str></td><td x:str></td>" : "<td x:str></td>");
                continue;
            }
            if (column.kind() == ValueKind.DATE_TIME) {
                if (raw == null) {
                    out.write("<td></td><td></td>");
                } else {
                    LocalDateTime value = CellFormatter.dateTime(raw.toString());
                    out.write("<td>" + TextValues.escapeXml(dateFormat.format(value.toLocalDate())) + "</td><td>"
                            + String.format("%02d:%02d:%02d", value.getHour(), value.getMinute(), value.getSecond()) + "</td>");
                }
                continue;
            }
            String text = formatter.text(column, raw);
            String cell = text == null ? "" : escape(column, text);
            boolean textCell = switch (column.kind()) {
                case STRING, TEXT, HTML, CASE_LOG, SET, ENUM, CLASS_NAME, BLOB -> true;
                default -> false;
            };
            out.write(textCell ? "<td x:str>" : "<td>");
            out.write(cell.isEmpty() && column.kind() == ValueKind.HTML ? "&nbsp;" : cell);
            out.write("</td>");
        }
        out.write("</tr>");
    }

    private static String escape(Column column, String text) {
        if (column.kind() == ValueKind.HTML) {
            // Rich text kept as markup is first reduced to harmless formatting tags (no scripts, styles or
            // event attributes), then block elements become spans followed by a line break.
            String safe = Jsoup.clean(text, Safelist.basic());
            return safe.replaceAll("(?i)<(p|div|h[1-6]|li)(\\s[^>]*)?>", "<span>").replaceAll("(?i)</(p|div|h[1-6]|li)>", "</span><br/>");
        }
        return TextValues.escapeXml(text).replace("\n", "<br/>");
    }

    @Override
    public void end() throws IOException {
        out.write("</table>\n</body>\n</html>\n");
        out.flush();
    }
}
