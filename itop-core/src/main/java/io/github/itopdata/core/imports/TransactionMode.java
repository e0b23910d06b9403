package io.github.itopdata.core.imports;

import java.util.Optional;

/** How an import commits: the {@code transaction} argument. */
public enum TransactionMode {
    /** Each written row is committed on its own; a bad row does not stop the others. */
    ROW("row"),
    /** The whole file is validated first; nothing is written unless every row is valid. */
    ALL("all");

    private final String argument;

    TransactionMode(String argument) {
        this.argument = argument;
    }

    /** Returns the value of the {@code transaction} argument that selects this mode. */
    public String argument() {
        return argument;
    }

    /** Finds the mode for an argument value, compared case-sensitively. */
    public static Optional<TransactionMode> fromArgument(String value) {
        for (TransactionMode mode : values()) {
            if (mode.argument.equals(value)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
