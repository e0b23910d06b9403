package io.github.itopdata.core.model;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A model file or dictionary file to load: a name used in messages and a way to open its bytes.
 */
public final class ModelSource {

    /** Opens the bytes of a source; each call returns a new stream. */
    @FunctionalInterface
    public interface Opener {
        /** Opens a new stream on the source's bytes. */
        InputStream open() throws IOException;
    }

    private final String name;
    private final Opener opener;

    private ModelSource(String name, Opener opener) {
        this.name = Objects.requireNonNull(name, "name");
        this.opener = Objects.requireNonNull(opener, "opener");
    }

    /** Creates a source reading a file; its name in messages is the path as given. */
    public static ModelSource of(Path file) {
        return new ModelSource(file.toString(), () -> Files.newInputStream(file));
    }

    /** Creates a source reading bytes held in memory, named {@code name} in messages. */
    public static ModelSource of(String name, byte[] content) {
        byte[] copy = content.clone();
        return new ModelSource(name, () -> new ByteArrayInputStream(copy));
    }

    /** Creates a source from any opener, named {@code name} in messages. */
    public static ModelSource of(String name, Opener opener) {
        return new ModelSource(name, opener);
    }

    /** Returns the name used in messages and warnings. */
    public String name() {
        return name;
    }

    /** Opens a new stream on the bytes; the caller closes it. */
    public InputStream open() throws IOException {
        return opener.open();
    }

    @Override
    public String toString() {
        return name;
    }
}
