package io.github.itopdata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Flushing of standard output at line ends. */
class LineFlushingOutputStreamTest {

    /** Records what was flushed. */
    private static final class FlushRecorder extends ByteArrayOutputStream {
        int flushes;
        String flushedContent = "";

        @Override
        public void flush() {
            flushes++;
            flushedContent = toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void flushesAfterEachLine() throws IOException {
        FlushRecorder sink = new FlushRecorder();
        LineFlushingOutputStream stream = new LineFlushingOutputStream(sink);

        stream.write("partial".getBytes(StandardCharsets.UTF_8));
        assertThat(sink.flushes).isZero();

        stream.write(" line\nnext".getBytes(StandardCharsets.UTF_8));
        assertThat(sink.flushes).isEqualTo(1);
        assertThat(sink.flushedContent).isEqualTo("partial line\nnext");

        stream.write('\n');
        assertThat(sink.flushes).isEqualTo(2);
    }

    @Test
    void bufferOfManyLinesFlushesOnce() throws IOException {
        FlushRecorder sink = new FlushRecorder();
        LineFlushingOutputStream stream = new LineFlushingOutputStream(sink);

        stream.write("a\nb\nc\n".getBytes(StandardCharsets.UTF_8), 0, 6);

        assertThat(sink.flushes).isEqualTo(1);
        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("a\nb\nc\n");
    }
}
