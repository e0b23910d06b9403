package io.github.itopdata.core.imports.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StrictDecodingReaderTest {

    private static String decode(byte[] bytes, Charset charset) throws IOException {
        try (Reader reader = new StrictDecodingReader(new ByteArrayInputStream(bytes), charset)) {
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[7];
            int count;
            while ((count = reader.read(buffer, 0, buffer.length)) >= 0) {
                text.append(buffer, 0, count);
            }
            return text.toString();
        }
    }

    @Test
    void dropsUtf8ByteOrderMark() throws IOException {
        byte[] bytes = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', ','};
        assertThat(decode(bytes, StandardCharsets.UTF_8)).isEqualTo("a,");
    }

    @Test
    void keepsByteOrderMarkInOtherCharsets() throws IOException {
        byte[] bytes = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a'};
        assertThat(decode(bytes, StandardCharsets.ISO_8859_1)).hasSize(4);
    }

    @Test
    void invalidUtf8NamesLineAndOffset() {
        byte[] bytes = "name\nab\ncaf\u00FFe".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> decode(bytes, StandardCharsets.UTF_8))
                .isInstanceOfSatisfying(StrictDecodingReader.InvalidInputDataException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.byteOffset()).isEqualTo(11);
                });
    }

    @Test
    void invalidBytesAcrossBufferBoundary() {
        byte[] bytes = new byte[200_000];
        java.util.Arrays.fill(bytes, (byte) 'a');
        bytes[150_000] = '\n';
        bytes[170_001] = (byte) 0xC3;
        bytes[170_002] = (byte) 0x28;
        assertThatThrownBy(() -> decode(bytes, StandardCharsets.UTF_8))
                .isInstanceOfSatisfying(StrictDecodingReader.InvalidInputDataException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.byteOffset()).isEqualTo(170_001);
                });
    }

    @Test
    void multiByteCharacterSplitAcrossBuffers() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 70_000; i++) {
            text.append('\u00EB');
        }
        assertThat(decode(text.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .isEqualTo(text.toString());
    }
}
