package io.github.itopdata.http.internal;

import io.github.itopdata.http.RequestValue;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Decodes an {@code application/x-www-form-urlencoded} body as it streams in. Values longer than
 * the memory threshold go to a file of the request's spool directory, so that a 1 GiB
 * {@code csvdata} field never sits in memory.
 *
 * <p>Jetty's own form parser keeps the whole body in memory, which is why this decoder exists.
 * It follows the WHATWG URL standard's form decoding: pairs separated by {@code &}, name and value
 * by the first {@code =}, {@code +} for a space and {@code %XX} for a byte. A later pair replaces
 * an earlier one of the same name.
 */
final class FormBodyDecoder {

    static final int MAX_NAME_BYTES = 1024;

    private final SpoolDirectory spool;
    private final int memoryThreshold;

    FormBodyDecoder(SpoolDirectory spool, int memoryThreshold) {
        this.spool = spool;
        this.memoryThreshold = memoryThreshold;
    }

    /** Decodes every pair of the body into the map. */
    void decode(InputStream body, Map<String, RequestValue> into) throws IOException, RequestRejection {
        InputStream in = new BufferedInputStream(body, 64 * 1024);
        long position = 0;
        while (true) {
            ByteArrayOutputStream name = new ByteArrayOutputStream();
            int next = in.read();
            while (next != -1 && next != '=' && next != '&') {
                position++;
                writeDecoded(in, next, name, position);
                if (name.size() > MAX_NAME_BYTES) {
                    throw new RequestRejection(400, "Malformed form body: parameter name longer than "
                            + MAX_NAME_BYTES + " bytes at byte " + position);
                }
                next = in.read();
            }
            position++;

            ValueSink value = new ValueSink();
            if (next == '=') {
                next = in.read();
                while (next != -1 && next != '&') {
                    position++;
                    writeDecoded(in, next, value, position);
                    next = in.read();
                }
                position++;
            }
            value.close();

            if (name.size() > 0) {
                into.put(name.toString(StandardCharsets.UTF_8), value.toRequestValue());
            } else {
                value.discard();
            }
            if (next == -1) {
                return;
            }
        }
    }

    private static void writeDecoded(InputStream in, int first, OutputStream out, long position)
            throws IOException, RequestRejection {
        if (first == '+') {
            out.write(' ');
        } else if (first == '%') {
            int high = Character.digit(in.read(), 16);
            int low = Character.digit(in.read(), 16);
            if (high < 0 || low < 0) {
                throw new RequestRejection(400, "Malformed form body: invalid percent escape at byte " + position
                        + "; expected % followed by two hexadecimal digits");
            }
            out.write((high << 4) | low);
        } else {
            out.write(first);
        }
    }

    /** Collects one value in memory, moving it to a spool file once it outgrows the threshold. */
    private final class ValueSink extends OutputStream {
        private final ByteArrayOutputStream memory = new ByteArrayOutputStream();
        private Path file;
        private OutputStream fileOut;
        private long size;

        @Override
        public void write(int b) throws IOException {
            size++;
            if (fileOut != null) {
                fileOut.write(b);
                return;
            }
            memory.write(b);
            if (memory.size() > memoryThreshold) {
                file = spool.newFile();
                fileOut = new java.io.BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
                memory.writeTo(fileOut);
                memory.reset();
            }
        }

        @Override
        public void close() throws IOException {
            if (fileOut != null) {
                fileOut.close();
            }
        }

        RequestValue toRequestValue() {
            return file == null ? RequestValue.ofBytes(memory.toByteArray()) : RequestValue.ofFile(file, size);
        }

        void discard() throws IOException {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }
}
