package io.github.itopdata.core.imports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The CSV data of an import, as bytes that can be read more than once (the import reads them
 * once to check the charset and count the rows, then once to process them).
 */
public abstract class ImportInput {

    private ImportInput() {
    }

    /** Data in a file, read as bytes; the HTTP endpoint spools request bodies to such a file. */
    public static ImportInput of(Path file) {
        Objects.requireNonNull(file, "file");
        return new ImportInput() {
            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }

            @Override
            public long size() throws IOException {
                return Files.size(file);
            }
        };
    }

    /** Data held in memory. */
    /**
     * Returns the data of a file named on the command line, or empty when the path is not a
     * regular file this process can read ({@link #unreadableMessage} says so to the user).
     */
    public static java.util.Optional<ImportInput> ofReadableFile(String file) {
        Path path = Path.of(file);
        return Files.isRegularFile(path) && Files.isReadable(path) ? java.util.Optional.of(of(path))
                : java.util.Optional.empty();
    }

    /** Returns the line that the services print for a data file they cannot read. */
    public static String unreadableMessage(String file) {
        return "Input file could not be found or could not be read: '" + file + "'\n";
    }

    public static ImportInput of(byte[] bytes) {
        byte[] copy = bytes.clone();
        return new ImportInput() {
            @Override
            public InputStream open() {
                return new ByteArrayInputStream(copy);
            }

            @Override
            public long size() {
                return copy.length;
            }
        };
    }

    /** Opens a new stream on the data, from its first byte. */
    public abstract InputStream open() throws IOException;

    /** Returns the number of bytes of the data. */
    public abstract long size() throws IOException;
}
