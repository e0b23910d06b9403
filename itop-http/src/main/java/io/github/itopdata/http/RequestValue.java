package io.github.itopdata.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The value of one request parameter, as the bytes received: small values in memory, large
 * ones (CSV data, file parts) in a temporary file that the server deletes when the request ends.
 */
public final class RequestValue {

    private final byte[] bytes;
    private final Path file;
    private final long size;

    private RequestValue(byte[] bytes, Path file, long size) {
        this.bytes = bytes;
        this.file = file;
        this.size = size;
    }

    public static RequestValue ofText(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new RequestValue(bytes, null, bytes.length);
    }

    public static RequestValue ofBytes(byte[] bytes) {
        return new RequestValue(bytes.clone(), null, bytes.length);
    }

    /** Creates a value stored in a temporary file, which the server owns and deletes. */
    public static RequestValue ofFile(Path file, long size) {
        return new RequestValue(null, file, size);
    }

    /** Returns the size in bytes. */
    public long size() {
        return size;
    }

    /** Returns the temporary file holding the value, for values too large to keep in memory. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** Opens the raw bytes; the caller closes the stream. */
    public InputStream openStream() throws IOException {
        return file == null ? new ByteArrayInputStream(bytes) : Files.newInputStream(file);
    }

    /**
     * Returns the value decoded as UTF-8. Meant for short values (names, ids, options); reading
     * a large file value this way reads it all into memory.
     */
    public String text() {
        if (file == null) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the spooled request value " + file, e);
        }
    }

    @Override
    public String toString() {
        return file == null ? "RequestValue[" + size + " bytes]" : "RequestValue[" + size + " bytes in " + file + "]";
    }
}
