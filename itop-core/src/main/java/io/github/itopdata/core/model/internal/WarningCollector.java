package io.github.itopdata.core.model.internal;

import io.github.itopdata.core.model.ModelWarning;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts skipped content per file and per subject, so that each kind of skipped content gives
 * one warning per file however many times it occurs.
 */
final class WarningCollector {

    private static final int MAX_LISTED_EXAMPLES = 10;

    private final Map<String, Map<String, Entry>> entriesByFile = new LinkedHashMap<>();

    private static final class Entry {
        final int firstLine;
        final String reason;
        final List<String> examples = new ArrayList<>();
        int count;

        Entry(int firstLine, String reason) {
            this.firstLine = firstLine;
            this.reason = reason;
        }
    }

    /** Registers the files in load order, so that warnings come out in that order. */
    void registerFile(String file) {
        entriesByFile.computeIfAbsent(file, f -> new LinkedHashMap<>());
    }

    /**
     * Records one skipped occurrence.
     *
     * @param subject what was skipped, such as {@code class/presentation}
     * @param reason  why it was skipped, as the end of a sentence
     * @param example the element concerned, such as {@code Server.contacts_list}, or null
     */
    void skip(String file, int line, String subject, String reason, String example) {
        Entry entry = entriesByFile.computeIfAbsent(file, f -> new LinkedHashMap<>())
                .computeIfAbsent(subject, s -> new Entry(line, reason));
        entry.count++;
        if (example != null && entry.examples.size() < MAX_LISTED_EXAMPLES && !entry.examples.contains(example)) {
            entry.examples.add(example);
        }
    }

    /** Records one skipped element, attributing it to the file and line it came from. */
    void skip(XmlNode node, String subject, String reason, String example) {
        skip(node.file(), node.line(), subject, reason, example);
    }

    List<ModelWarning> warnings() {
        List<ModelWarning> warnings = new ArrayList<>();
        entriesByFile.forEach((file, entries) -> entries.forEach((subject, entry) -> {
            StringBuilder message = new StringBuilder()
                    .append(file).append(": skipped ").append(subject).append(" (")
                    .append(entry.count).append(entry.count == 1 ? " occurrence" : " occurrences")
                    .append(", first at line ").append(entry.firstLine).append("): ").append(entry.reason);
            if (!entry.examples.isEmpty()) {
                message.append(". Concerned: ").append(String.join(", ", entry.examples));
                if (entry.examples.size() < entry.count && entry.examples.size() == MAX_LISTED_EXAMPLES) {
                    message.append(", ...");
                }
            }
            warnings.add(new ModelWarning(file, entry.firstLine, subject, entry.count, message.toString()));
        }));
        return warnings;
    }
}
