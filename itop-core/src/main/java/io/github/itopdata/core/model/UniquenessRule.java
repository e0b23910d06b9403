package io.github.itopdata.core.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A rule that no two objects of a class (and its subclasses) share the same values of some
 * attributes.
 *
 * @param id         the rule's name, unique within the class
 * @param attributes the attribute codes whose values must be unique together
 * @param filter     an OQL condition limiting the objects the rule applies to, or empty
 * @param blocking   true if a violation is an error, false if it is only a warning
 * @param disabled   true if the rule is switched off
 * @param definingClass the class that declares the rule
 */
public record UniquenessRule(String id, List<String> attributes, Optional<String> filter, boolean blocking,
        boolean disabled, String definingClass) {

    /** Copies the attribute list and checks that the parts are present. */
    public UniquenessRule {
        Objects.requireNonNull(id, "id");
        attributes = List.copyOf(attributes);
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(definingClass, "definingClass");
    }
}
