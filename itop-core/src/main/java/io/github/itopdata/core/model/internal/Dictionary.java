package io.github.itopdata.core.model.internal;

import io.github.itopdata.core.model.ModelLoadException;
import io.github.itopdata.core.model.ModelSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * English labels keyed as in iTop's dictionaries: {@code Class:Person},
 * {@code Class:Person/Attribute:name}, {@code Class:Server/Attribute:status/Value:production}.
 */
final class Dictionary {

    /** The only language the product has. */
    static final String LANGUAGE = "EN US";

    private static final Pattern DICT_ADD = Pattern.compile("Dict::Add\\(\\s*(['\"])([^'\"]*)\\1");
    private static final Pattern ENTRY = Pattern.compile(
            "'((?:[^'\\\\]|\\\\.)*)'\\s*=>\\s*(?:'((?:[^'\\\\]|\\\\.)*)'|\"((?:[^\"\\\\]|\\\\.)*)\")");

    private final Map<String, String> entries = new HashMap<>();

    Optional<String> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    Optional<String> classLabel(String className) {
        return get("Class:" + className);
    }

    Optional<String> attributeLabel(String className, String attCode) {
        return get("Class:" + className + "/Attribute:" + attCode);
    }

    Optional<String> valueLabel(String className, String attCode, String valueCode) {
        return get("Class:" + className + "/Attribute:" + attCode + "/Value:" + valueCode);
    }

    /** Reads the {@code <dictionary id="EN US">} entries of a merged {@code <dictionaries>} element. */
    void readXml(XmlNode dictionaries) {
        for (XmlNode dictionary : dictionaries.children("dictionary")) {
            if (!LANGUAGE.equals(dictionary.id())) {
                continue;
            }
            dictionary.child("entries").ifPresent(list -> {
                for (XmlNode entry : list.children("entry")) {
                    if (entry.id() != null) {
                        entries.put(entry.id(), entry.text());
                    }
                }
            });
        }
    }

    /**
     * Reads the English entries of an iTop PHP dictionary file: the {@code 'key' => 'label'} pairs
     * inside {@code Dict::Add('EN US', ...)} calls. Other languages are ignored.
     */
    void readPhp(ModelSource source) {
        String content;
        try (InputStream input = source.open()) {
            content = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ModelLoadException(source.name(), 0, "Cannot read the dictionary file: " + e.getMessage(), e);
        }
        Matcher call = DICT_ADD.matcher(content);
        int found = 0;
        while (call.find()) {
            found++;
            int end = nextCall(content, call.end());
            if (!LANGUAGE.equals(call.group(2))) {
                continue;
            }
            Matcher entry = ENTRY.matcher(content).region(call.end(), end);
            while (entry.find()) {
                String label = entry.group(2) != null ? unescapeSingle(entry.group(2)) : unescapeDouble(entry.group(3));
                entries.put(unescapeSingle(entry.group(1)), label);
            }
        }
        if (found == 0) {
            throw new ModelLoadException(source.name(), 0,
                    "No Dict::Add call found; expected an iTop dictionary file (PHP)");
        }
    }

    private static int nextCall(String content, int from) {
        int next = content.indexOf("Dict::Add(", from);
        return next < 0 ? content.length() : next;
    }

    private static String unescapeSingle(String text) {
        return text.replace("\\'", "'").replace("\\\\", "\\");
    }

    private static String unescapeDouble(String text) {
        return text.replace("\\\"", "\"").replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\");
    }
}
