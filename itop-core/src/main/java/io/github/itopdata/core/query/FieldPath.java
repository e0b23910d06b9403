package io.github.itopdata.core.query;

import java.util.List;

/**
 * A value to read for each row of a query, such as {@code P.org_id->name}: an alias, zero or more
 * external keys to follow, then a filter code of the class reached.
 *
 * @param aliasIndex the position of the alias among the query's selected aliases
 * @param steps      the filter codes in order; every step but the last is an external key,
 *                   and each step's {@link FieldRef#owner()} is the class the previous key points to
 */
public record FieldPath(int aliasIndex, List<FieldRef> steps) {

    public FieldPath {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("A field path needs at least one step");
        }
    }

    /** Returns the last step, whose value is read. */
    public FieldRef leaf() {
        return steps.get(steps.size() - 1);
    }
}
