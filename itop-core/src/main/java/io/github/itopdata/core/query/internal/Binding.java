package io.github.itopdata.core.query.internal;

import io.github.itopdata.core.query.FieldRef;

/**
 * Resolution of a field of a condition: the branch and alias that declare it, and what it reads.
 */
public record Binding(CheckedSelect select, String alias, FieldRef field) {
}
