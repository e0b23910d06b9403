package io.github.itopdata.core.export.internal;

import java.io.IOException;

/** Renders rows into one output format, streaming: {@link #begin()}, any number of {@link #row}, {@link #end()}. */
public interface RowWriter {

    void begin() throws IOException;

    void row(Row row) throws IOException;

    /** Writes what closes the document and flushes the output; the caller closes the stream. */
    void end() throws IOException;
}
