package io.github.itopdata.core.export.internal;

import io.github.itopdata.core.model.AttributeDef;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * XML output: {@code <Set>} holding one element per object, named after the object's actual
 * class, with one child per attribute of that class; multi-alias rows are wrapped in
 * {@code <Row>}, and a missing object is written with id {@code null} and every child {@code null}.
 */
public final class XmlWriter implements RowWriter {

    /** One child element: its tag, the position of its value in the row, and how it is rendered. */
    public record XmlField(String tag, int valueIndex, ValueKind kind, AttributeDef attribute) {
    }

    private final Writer out;
    private final List<String> aliases;
    private final List<String> declaredClasses;
    private final List<Map<String, List<XmlField>>> layouts;
    private final CellFormatter formatter;
    private final String declaration;

    /**
     * @param layouts per selected alias, the children of each class the alias's objects may have
     */
    public XmlWriter(OutputStream output, List<String> aliases, List<String> declaredClasses,
                     List<Map<String, List<XmlField>>> layouts, CellFormatter formatter, boolean legacy) {
        this.out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 1 << 16);
        this.aliases = aliases;
        this.declaredClasses = declaredClasses;
        this.layouts = layouts;
        this.formatter = formatter;
        this.declaration = legacy ? "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" : "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    }

    @Override
    public void begin() throws IOException {
        out.write(declaration);
        out.write("<Set>\n");
    }

    @Override
    public void row(Row row) throws IOException {
        boolean wrap = aliases.size() > 1;
        if (wrap) {
            out.write("<Row>\n");
        }
        for (int a = 0; a < aliases.size(); a++) {
            Long id = row.ids()[a];
            String className = id == null ? declaredClasses.get(a) : row.classes()[a];
            List<XmlField> fields = layouts.get(a).get(className);
            out.write("<" + className + " alias=\"" + TextValues.escapeXml(aliases.get(a)) + "\" id=\"" + (id == null ? "null" : id) + "\">\n");
            for (XmlField field : fields) {
                String text;
                if (id == null) {
                    text = "null";
                } else {
                    Object raw = row.values()[field.valueIndex()];
                    String formatted = formatter.text(field.kind(), field.attribute(), raw);
                    text = formatted == null ? "" : TextValues.escapeXml(formatted);
                }
                out.write("<" + field.tag() + ">" + text + "</" + field.tag() + ">\n");
            }
            out.write("</" + className + ">\n");
        }
        if (wrap) {
            out.write("</Row>\n");
        }
    }

    @Override
    public void end() throws IOException {
        out.write("</Set>\n");
        out.flush();
    }
}
