package io.github.itopdata.core.model;

import java.util.Objects;

/**
 * Something a model file contains that the loader skipped, reported once per kind of content and
 * per file.
 *
 * @param file    the file (or stream name) the skipped content came from
 * @param line    the line of the first skipped occurrence, or 0 if unknown
 * @param subject what was skipped, such as {@code menus/menu} or {@code field type AttributeImage}
 * @param count   how many occurrences of the subject the file holds
 * @param message a full sentence for the user, naming the subject, the file and the count
 */
public record ModelWarning(String file, int line, String subject, int count, String message) {

    /** Checks that the parts are present. */
    public ModelWarning {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return message;
    }
}
