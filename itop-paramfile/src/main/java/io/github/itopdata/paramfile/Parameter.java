package io.github.itopdata.paramfile;

import java.util.Objects;

/**
 * One value of a named parameter and where it came from.
 *
 * <p>{@link #toString()} masks the value when the name denotes a secret, so a parameter can be
 * logged as it is.
 */
public record Parameter(String name, String value, ParameterOrigin origin) {

    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(origin, "origin");
    }

    /** Returns whether the value must never be shown (a password, a token, a secret). */
    public boolean isSecret() {
        return SecretNames.isSecret(name);
    }

    /** Formats the parameter as {@code name = 'value' (origin)}, the value quoted and masked if secret. */
    @Override
    public String toString() {
        return name + " = " + SecretNames.quoteOrMask(name, value) + " (" + origin + ")";
    }
}
