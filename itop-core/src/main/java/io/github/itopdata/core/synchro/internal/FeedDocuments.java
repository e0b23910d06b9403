package io.github.itopdata.core.synchro.internal;

import io.github.itopdata.core.model.AttributeDef;
import io.github.itopdata.core.model.ModelClass;
import io.github.itopdata.core.store.internal.SqlText;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Checks and converts the document cells of a synchro_import feed before they are copied to the
 * data table: {@code <code>_data} carries base64, decoded here, {@code <code>_downloads_count}
 * must be an integer (empty means 0), and {@code <code>_mimetype} and {@code <code>_filename}
 * must fit in their 255 characters.
 */
public final class FeedDocuments {

    /** Spaces and line breaks, which base64 text may contain between its characters. */
    private static final Pattern BASE64_WHITESPACE = Pattern.compile("[ \\t\\r\\n]");

    /** A document column of the feed: the attribute's code, the column's name and type in the data table. */
    private record DocumentColumn(String attCode, ReplicaTable.Column column) {
    }

    /** The document columns of the header, by position. */
    private final Map<Integer, DocumentColumn> columns = new TreeMap<>();

    /** Finds the document columns of a feed's header for a class. */
    public FeedDocuments(ModelClass modelClass, List<String> header) {
        for (AttributeDef attribute : modelClass.allAttributes()) {
            if (!attribute.type().isDocument()) {
                continue;
            }
            for (ReplicaTable.Column column : TargetAttributes.columns(attribute)) {
                if (header.contains(column.name())) {
                    columns.put(header.indexOf(column.name()), new DocumentColumn(attribute.code(), column));
                }
            }
        }
    }

    /**
     * Returns the error for a header that gives some columns of a document but not all four, or
     * empty. The data table keeps the last values of the columns a feed leaves out, so new
     * contents would be applied with the file name and MIME type of an older file.
     */
    public static java.util.Optional<String> incompleteDocument(ModelClass modelClass, List<String> header) {
        for (AttributeDef attribute : modelClass.allAttributes()) {
            if (!attribute.type().isDocument()) {
                continue;
            }
            List<String> names = TargetAttributes.columns(attribute).stream().map(ReplicaTable.Column::name).toList();
            List<String> present = names.stream().filter(header::contains).toList();
            if (!present.isEmpty() && present.size() < names.size()) {
                List<String> missing = names.stream().filter(name -> !header.contains(name)).toList();
                return java.util.Optional.of("Incomplete document '" + attribute.code() + "': the header has "
                        + String.join(", ", present) + " but not " + String.join(", ", missing)
                        + ". Give all four columns, with <NULL> in a row to leave its document as it is");
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Returns the type of a column in the feed table: the data table's for document contents
     * ({@code bytea}) and counts ({@code integer}), else {@code text}.
     */
    public String feedType(String column) {
        return columns.values().stream().map(DocumentColumn::column).filter(c -> c.name().equals(column)).findFirst()
                .map(ReplicaTable.Column::ddlType).filter(type -> !type.startsWith("varchar")).orElse("text");
    }

    /**
     * Converts the document cells of a row in place, to the text form that COPY reads. An
     * invalid cell gives a message, and every column of its document in the row is set to
     * {@code skipped} (left NULL in a new row, unchanged in an updated one), so that the run
     * never mixes old contents with a new file name.
     *
     * @param skipped the marker, compared by identity, of cells that are not written; cells
     *                that already have it are left alone
     * @return the messages, each naming the row, the column and what to do
     */
    public List<String> prepare(long row, List<String> cells, List<String> header, String skipped) {
        List<String> messages = new ArrayList<>();
        for (Map.Entry<Integer, DocumentColumn> entry : columns.entrySet()) {
            int position = entry.getKey();
            String text = cells.get(position);
            if (text == null || text == skipped) {
                continue;
            }
            String problem = convert(cells, position, entry.getValue().column());
            if (problem == null) {
                continue;
            }
            String attCode = entry.getValue().attCode();
            messages.add(row + ": Invalid value for column " + position + " ('" + header.get(position) + "'): " + problem
                    + " (columns of '" + attCode + "' skipped)");
            for (Map.Entry<Integer, DocumentColumn> sibling : columns.entrySet()) {
                if (sibling.getValue().attCode().equals(attCode)) {
                    cells.set(sibling.getKey(), skipped);
                }
            }
        }
        return messages;
    }

    /**
     * Describes why a cell is not base64: its first character outside the standard alphabet, with
     * its position from 1, or else its length.
     */
    private static String base64Problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean alphabet = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+'
                    || c == '/' || c == '=' || c == ' ' || c == '\t' || c == '\r' || c == '\n';
            if (!alphabet) {
                return "character '" + c + "' at position " + (i + 1);
            }
        }
        return "wrong length or padding";
    }

    /** Converts one cell in place. Returns what is wrong with it, or null when the cell is valid. */
    private static String convert(List<String> cells, int position, ReplicaTable.Column column) {
        String text = cells.get(position);
        if (column.name().endsWith(TargetAttributes.DATA)) {
            try {
                byte[] data = Base64.getDecoder().decode(BASE64_WHITESPACE.matcher(text).replaceAll(""));
                cells.set(position, SqlText.render(data));
                return null;
            } catch (IllegalArgumentException e) {
                return "invalid base64 (" + base64Problem(text) + "); give the file's contents base64-encoded";
            }
        }
        if (column.name().endsWith(TargetAttributes.DOWNLOADS_COUNT)) {
            String count = text.strip();
            if (count.isEmpty()) {
                cells.set(position, "0");
                return null;
            }
            if (count.matches("[0-9]{1,10}") && Long.parseLong(count) <= Integer.MAX_VALUE) {
                cells.set(position, count);
                return null;
            }
            return "'" + text + "', expected an integer from 0 to " + Integer.MAX_VALUE;
        }
        if (text.length() > TargetAttributes.MAX_NAME_LENGTH) {
            return text.length() + " characters, expected at most " + TargetAttributes.MAX_NAME_LENGTH;
        }
        return null;
    }
}
