package io.github.itopdata.core.imports.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes bytes to characters and stops on the first byte sequence that is invalid in the
 * charset, instead of dropping or replacing it. Drops a leading UTF-8 byte order mark when the
 * charset is UTF-8. Not thread-safe.
 */
public final class StrictDecodingReader extends Reader {

    private static final int BUFFER_SIZE = 64 * 1024;

    private final InputStream input;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER_SIZE);
    private final CharBuffer chars = CharBuffer.allocate(BUFFER_SIZE);
    private final boolean utf8;
    private long bytesBeforeBuffer;
    private long lineFeeds;
    private boolean inputEnded;
    private boolean flushed;
    private boolean firstRead = true;

    /** Creates a reader that decodes {@code input} strictly; closing it closes {@code input}. */
    public StrictDecodingReader(InputStream input, Charset charset) {
        this.input = input;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.utf8 = charset.equals(StandardCharsets.UTF_8);
        bytes.flip();
        chars.flip();
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (!chars.hasRemaining()) {
            if (flushed) {
                return -1;
            }
            decodeMore();
        }
        int count = Math.min(length, chars.remaining());
        chars.get(target, offset, count);
        return count;
    }

    private void decodeMore() throws IOException {
        chars.clear();
        CoderResult result;
        while (true) {
            result = decoder.decode(bytes, chars, inputEnded);
            if (result.isError() || result.isOverflow()) {
                break;
            }
            if (inputEnded) {
                result = decoder.flush(chars);
                if (result.isUnderflow()) {
                    flushed = true;
                }
                break;
            }
            if (chars.position() > 0) {
                break;
            }
            refill();
        }
        chars.flip();
        countLineFeeds();
        if (result.isError()) {
            // Characters decoded before the invalid bytes are dropped with it: the run stops here.
            throw new InvalidInputDataException(lineFeeds + 1, bytesBeforeBuffer + bytes.position());
        }
        if (firstRead && chars.hasRemaining()) {
            firstRead = false;
            if (utf8 && chars.get(chars.position()) == '\uFEFF') {
                chars.get();
            }
        }
    }

    /** Keeps the undecoded tail of the buffer (a partial sequence) and appends more input. */
    private void refill() throws IOException {
        bytesBeforeBuffer += bytes.position();
        bytes.compact();
        int read = input.read(bytes.array(), bytes.position(), bytes.remaining());
        while (read == 0) {
            read = input.read(bytes.array(), bytes.position(), bytes.remaining());
        }
        if (read < 0) {
            inputEnded = true;
        } else {
            bytes.position(bytes.position() + read);
        }
        bytes.flip();
    }

    private void countLineFeeds() {
        for (int i = chars.position(); i < chars.limit(); i++) {
            if (chars.get(i) == '\n') {
                lineFeeds++;
            }
        }
    }

    @Override
    public void close() throws IOException {
        input.close();
    }

    /** A byte sequence is invalid in the charset; carries where it starts. */
    public static final class InvalidInputDataException extends IOException {
        private final long line;
        private final long byteOffset;

        InvalidInputDataException(long line, long byteOffset) {
            super("Invalid data at line " + line + " (byte offset " + byteOffset + ")");
            this.line = line;
            this.byteOffset = byteOffset;
        }

        /** Returns the physical line (1-based) of the invalid bytes. */
        public long line() {
            return line;
        }

        /** Returns the offset (0-based) of the first invalid byte from the start of the input. */
        public long byteOffset() {
            return byteOffset;
        }
    }
}
