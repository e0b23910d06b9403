package io.github.itopdata.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Flushes the underlying stream after every write that contains a line feed, so that a
 * long-running command's output reaches a pipe or a log line by line, while writes of whole
 * buffers still cost one flush each.
 */
final class LineFlushingOutputStream extends FilterOutputStream {

    LineFlushingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        if (b == '\n') {
            out.flush();
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        for (int i = offset + length - 1; i >= offset; i--) {
            if (bytes[i] == '\n') {
                out.flush();
                return;
            }
        }
    }
}
