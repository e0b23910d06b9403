package io.github.itopdata.core.export.internal;

import io.github.itopdata.core.model.AttributeDef;
import io.github.itopdata.core.query.FieldPath;

/**
 * One output column: its header, the value path, and how the value is typed.
 *
 * @param spec       the field spec as written (trimmed), such as {@code P.org_id->name}
 * @param header     the header cell text
 * @param path       the value read for each row
 * @param kind       how the value is rendered
 * @param attribute  the attribute whose value is read, when it is one (enum labels, tag labels)
 */
public record Column(String spec, String header, FieldPath path, ValueKind kind, AttributeDef attribute) {
}
