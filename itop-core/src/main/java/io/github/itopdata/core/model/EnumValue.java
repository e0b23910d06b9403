package io.github.itopdata.core.model;

import java.util.Objects;

/**
 * One allowed value of an enum or enum set attribute.
 *
 * @param code  the value stored and written in code mode, such as {@code production}
 * @param label the English label, such as {@code Production}; the code when the model gives none
 */
public record EnumValue(String code, String label) {

    /** Checks that both parts are present. */
    public EnumValue {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(label, "label");
    }
}
