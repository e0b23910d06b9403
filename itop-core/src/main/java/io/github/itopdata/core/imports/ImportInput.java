package io.github.itopdata.core.imports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;

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
     * Returns the data of a file named on the command line, or empty when this process cannot
     * read it ({@link #unreadableMessage} gives the line to print). A pipe or device, such as
     * {@code /dev/stdin}, is first copied to a temporary file, because an import reads its data
     * twice; the copy is deleted when the JVM exits.
     *
     * @throws UncheckedIOException when copying a pipe fails
     */
    public static Optional<ImportInput> ofReadableFile(String file) {
        Path path = Path.of(file);
        if (!Files.isReadable(path) || Files.isDirectory(path)) {
            return Optional.empty();
        }
        if (Files.isRegularFile(path)) {
            return Optional.of(of(path));
        }
        try {
            Path copy = Files.createTempFile("itop-input-", ".csv");
            copy.toFile().deleteOnExit();
            try (InputStream in = Files.newInputStream(path)) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return Optional.of(of(copy));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the input " + file + ": " + e.getMessage(), e);
        }
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
