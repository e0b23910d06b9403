package io.github.itopdata.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.itopdata.http.RequestValue;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormBodyDecoderTest {

    @TempDir
    Path spoolRoot;

    private Map<String, String> decode(String body, int threshold) throws Exception {
        Map<String, RequestValue> values = new LinkedHashMap<>();
        try (SpoolDirectory spool = new SpoolDirectory(spoolRoot)) {
            new FormBodyDecoder(spool, threshold).decode(
                    new ByteArrayInputStream(body.getBytes(StandardCharsets.ISO_8859_1)), values);
            Map<String, String> texts = new LinkedHashMap<>();
            values.forEach((name, value) -> texts.put(name, (value.file().isPresent() ? "file:" : "") + value.text()));
            return texts;
        }
    }

    @Test
    void pairsAreDecoded() throws Exception {
        assertThat(decode("a=1&b=x+y%2Bz&c=&d&=skipped&&e=%C3%A9", 1024))
                .containsExactly(Map.entry("a", "1"), Map.entry("b", "x y+z"), Map.entry("c", ""), Map.entry("d", ""),
                        Map.entry("e", "é"));
    }

    @Test
    void valueKeepsEqualSigns() throws Exception {
        assertThat(decode("expression=a=b=c", 1024)).containsExactly(Map.entry("expression", "a=b=c"));
    }

    @Test
    void emptyBodyHasNoPairs() throws Exception {
        assertThat(decode("", 1024)).isEmpty();
    }

    @Test
    void longValueGoesToFile() throws Exception {
        assertThat(decode("csvdata=" + "x".repeat(100) + "&class=Person", 16))
                .containsExactly(Map.entry("csvdata", "file:" + "x".repeat(100)), Map.entry("class", "Person"));
    }

    @Test
    void truncatedEscapeIsRejected() {
        assertThatThrownBy(() -> decode("a=%4", 1024))
                .isInstanceOf(RequestRejection.class)
                .hasMessageStartingWith("Malformed form body: invalid percent escape");
    }

    @Test
    void spoolFilesAreDeletedOnClose() throws Exception {
        decode("csvdata=" + "x".repeat(100), 16);

        try (var files = Files.walk(spoolRoot)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }
}
