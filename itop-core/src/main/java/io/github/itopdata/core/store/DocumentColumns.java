package io.github.itopdata.core.store;

import java.util.List;
import java.util.Objects;

/**
 * The columns that store a blob or image attribute: the contents in the attribute's own
 * {@code bytea} column, then {@code <column>_mimetype} and {@code <column>_filename} ({@code
 * text}) and {@code <column>_downloads_count} ({@code integer}).
 *
 * @param data           the contents column, the one {@link ClassTable#column} returns
 * @param mimeType       the MIME type column
 * @param fileName       the file name column
 * @param downloadsCount the download count column
 */
public record DocumentColumns(ColumnMapping data, ColumnMapping mimeType, ColumnMapping fileName,
        ColumnMapping downloadsCount) {

    /** Checks that the columns are present. */
    public DocumentColumns {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(downloadsCount, "downloadsCount");
    }

    /** Returns the four columns in the order the store writes them. */
    public List<ColumnMapping> all() {
        return List.of(data, mimeType, fileName, downloadsCount);
    }
}
