package io.github.itopdata.core.store;

import java.util.Arrays;
import java.util.Objects;

/**
 * The value of a blob or image attribute: a file's contents with its MIME type, file name and
 * download count. Null in an object's values means the object has no document.
 *
 * @param data           the file's contents; the record keeps its own copy
 * @param mimeType       the MIME type, such as {@code image/png}; empty when unknown
 * @param fileName       the file name, without directory; empty when unknown
 * @param downloadsCount how many times the document was downloaded
 */
public record Document(byte[] data, String mimeType, String fileName, int downloadsCount) {

    /** Checks that the parts are present and copies the contents. */
    public Document {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(fileName, "fileName");
        data = data.clone();
    }

    /** Creates a document that was never downloaded. */
    public static Document of(byte[] data, String mimeType, String fileName) {
        return new Document(data, mimeType, fileName, 0);
    }

    /** Returns a copy of the file's contents. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Returns the size of the contents in bytes. */
    public int size() {
        return data.length;
    }

    /** Tells whether the document has no contents, which is how a blob or image counts as empty. */
    public boolean isEmpty() {
        return data.length == 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Document document && Arrays.equals(data, document.data)
                && mimeType.equals(document.mimeType) && fileName.equals(document.fileName)
                && downloadsCount == document.downloadsCount;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(data), mimeType, fileName, downloadsCount);
    }

    /**
     * Returns the file name, MIME type and size, never the contents, because this text goes to
     * messages and logs.
     */
    @Override
    public String toString() {
        return fileName + " (" + mimeType + ", " + data.length + " bytes)";
    }
}
