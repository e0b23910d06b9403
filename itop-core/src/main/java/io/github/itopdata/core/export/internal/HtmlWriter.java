package io.github.itopdata.core.export.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * HTML output: a minimal document holding one {@code listResults} table. Every header and value
 * is escaped; object ids and external keys show the object's friendly name as a link to its
 * details page, e-mails are {@code mailto:} links, empty values are {@code &nbsp;}.
 */
public final class HtmlWriter implements RowWriter {

    /** Link target of a column: the extra value with the friendly name, and the target class (null for the row's own class). */
    public record Link(int nameIndex, String targetClass) {
    }

    private final Writer out;
    private final List<Column> columns;
    private final List<Link> links;
    private final CellFormatter formatter;
    private final String applicationUrl;

    public HtmlWriter(OutputStream output, List<Column> columns, List<Link> links, CellFormatter formatter, String applicationUrl) {
        this.out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 1 << 16);
        this.columns = columns;
        this.links = links;
        this.formatter = formatter;
        this.applicationUrl = applicationUrl;
    }

    @Override
    public void begin() throws IOException {
        out.write("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"UTF-8\">\n<title>Export</title>\n</head>\n<body>\n");
        out.write("<table class=\"listResults\">\n<thead>\n<tr>\n");
        for (Column column : columns) {
            out.write("<th>" + TextValues.escapeXml(column.header()) + "</th>\n");
        }
        out.write("</tr>\n</thead>\n<tbody>\n");
    }

    @Override
    public void row(Row row) throws IOException {
        out.write("<tr>");
        for (int i = 0; i < columns.size(); i++) {
            out.write("<td>");
            out.write(cell(row, i));
            out.write("</td>");
        }
        out.write("</tr>");
    }

    private String cell(Row row, int index) {
        Column column = columns.get(index);
        Object raw = row.values()[index];
        Link link = links.get(index);
        if (link != null) {
            if (raw == null || raw.toString().equals("0")) {
                return "&nbsp;";
            }
            String targetClass = link.targetClass() != null ? link.targetClass() : row.classes()[column.path().aliasIndex()];
            Object name = row.values()[link.nameIndex()];
            String href = applicationUrl + "pages/UI.php?operation=details&class=" + targetClass + "&id=" + raw;
            return "<a href=\"" + TextValues.escapeXml(href) + "\">" + TextValues.escapeXml(name == null ? "" : name.toString()) + "</a>";
        }
        String text = formatter.text(column, raw);
        if (text == null || text.isEmpty()) {
            return "&nbsp;";
        }
        if (column.attribute() != null && column.attribute().type() == io.github.itopdata.core.model.AttributeType.EMAIL) {
            String escaped = TextValues.escapeXml(text);
            return "<a class=\"mailto\" href=\"mailto:" + escaped + "\">" + escaped + "</a>";
        }
        return TextValues.escapeXml(text).replace("\n", "<br/>");
    }

    @Override
    public void end() throws IOException {
        out.write("</tbody>\n</table>\n</body>\n</html>\n");
        out.flush();
    }
}
