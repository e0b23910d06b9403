package io.github.itopdata.core.export.internal;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/** Conversions of text values shared by the writers. */
public final class TextValues {

    private TextValues() {
    }

    /** Converts HTML to plain text: markup removed, entities decoded, block elements on their own lines, trimmed. */
    public static String htmlToText(String html) {
        if (html.isEmpty()) {
            return html;
        }
        Document document = Jsoup.parseBodyFragment(html);
        document.outputSettings().prettyPrint(false);
        document.select("br").before("\\n");
        document.select("p, div, li, tr, h1, h2, h3, h4, h5, h6").after("\\n");
        String text = document.body().wholeText().replace("\\n", "\n");
        return text.strip();
    }

    /** Escapes text for HTML and XML content and attribute values. */
    public static String escapeXml(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&apos;";
                default -> null;
            };
            if (replacement == null && c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                replacement = "";
            }
            if (replacement != null) {
                if (out == null) {
                    out = new StringBuilder(value.length() + 16).append(value, 0, i);
                }
                out.append(replacement);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? value : out.toString();
    }

    /** Tells whether a text is a valid decimal number ({@code -5}, {@code 3.14}), which formula neutralizing leaves alone. */
    public static boolean isNumber(String value) {
        return value.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
    }

    /** Returns the value with {@code '} in front when a spreadsheet would read it as a formula. */
    public static String neutralizeFormula(String value) {
        if (value.isEmpty() || isNumber(value)) {
            return value;
        }
        char first = value.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            return "'" + value;
        }
        return value;
    }
}
