package io.github.itopdata.paramfile;

import java.util.Objects;

/**
 * One {@code --name=value} command-line token. {@code position} is the 1-based index of the
 * token among the service's arguments. {@link #toString()} masks secret values.
 */
public record Argument(String name, String value, int position) {

    public Argument {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** Returns this argument as a parameter whose origin is the command line. */
    public Parameter toParameter() {
        return new Parameter(name, value, ParameterOrigin.argument(position));
    }

    @Override
    public String toString() {
        return "--" + name + "=" + SecretNames.quoteOrMask(name, value);
    }
}
