package io.github.itopdata.core.export.internal;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Map;

/**
 * Fits text into a target character set, value by value: a character the set lacks is
 * transliterated (accents dropped, {@code €} as {@code EUR}, typographic quotes and dashes as
 * ASCII) when possible, else dropped.
 */
public final class CharsetText {

    private static final Map<Character, String> SUBSTITUTES = Map.ofEntries(
            Map.entry('€', "EUR"), Map.entry('£', "GBP"), Map.entry('‘', "'"), Map.entry('’', "'"),
            Map.entry('‚', "'"), Map.entry('“', "\""), Map.entry('”', "\""), Map.entry('„', "\""),
            Map.entry('–', "-"), Map.entry('—', "-"), Map.entry('…', "..."), Map.entry('•', "*"),
            Map.entry('œ', "oe"), Map.entry('Œ', "OE"), Map.entry('æ', "ae"), Map.entry('Æ', "AE"),
            Map.entry('ß', "ss"), Map.entry('\u00a0', " "), Map.entry('™', "TM"), Map.entry('©', "(C)"));

    private final Charset charset;
    private final CharsetEncoder encoder;
    private final boolean unicode;

    public CharsetText(Charset charset) {
        this.charset = charset;
        this.encoder = charset.newEncoder();
        this.unicode = charset.equals(StandardCharsets.UTF_8) || charset.name().startsWith("UTF-");
    }

    public Charset charset() {
        return charset;
    }

    /** Returns {@code value} with every character the charset lacks transliterated or dropped. */
    public String fit(String value) {
        if (unicode || encoder.canEncode(value)) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (encoder.canEncode(c)) {
                out.append(c);
                continue;
            }
            String substitute = SUBSTITUTES.get(c);
            if (substitute == null) {
                String decomposed = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
                substitute = !decomposed.isEmpty() && encoder.canEncode(decomposed) ? decomposed : "";
            } else if (!encoder.canEncode(substitute)) {
                substitute = "";
            }
            out.append(substitute);
        }
        return out.toString();
    }
}
