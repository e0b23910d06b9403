package io.github.itopdata.http.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A temporary directory holding the spooled body of one request, deleted when the request ends. */
final class SpoolDirectory implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SpoolDirectory.class);

    private final Path parent;
    private Path directory;
    private int fileCounter;

    SpoolDirectory(Path parent) {
        this.parent = parent;
    }

    /** Returns the directory, creating it on first use so that bodiless requests touch no disk. */
    Path directory() throws IOException {
        if (directory == null) {
            Files.createDirectories(parent);
            directory = Files.createTempDirectory(parent, "request-");
        }
        return directory;
    }

    Path newFile() throws IOException {
        fileCounter++;
        return Files.createFile(directory().resolve("value-" + fileCounter));
    }

    @Override
    public void close() {
        if (directory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(SpoolDirectory::deleteQuietly);
        } catch (IOException e) {
            LOG.warn("Could not delete the request spool directory {}: {}", directory, e.toString());
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("Could not delete the spooled request file {}: {}", path, e.toString());
        }
    }
}
