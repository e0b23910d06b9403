package io.github.itopdata.core.query.internal;

import io.github.itopdata.core.query.FieldRef;

/**
 * Where a field of a condition was found: the branch and alias that declare it, and what it reads.
 */
public record Binding(CheckedSelect select, String alias, FieldRef field) {
}
