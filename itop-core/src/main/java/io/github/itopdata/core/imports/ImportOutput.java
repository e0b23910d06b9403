package io.github.itopdata.core.imports;

import java.util.Optional;

/** What an import writes: the {@code output} argument. */
public enum ImportOutput {
    /** Only the number of rows in error. */
    RETCODE("retcode"),
    /** Settings, data comments, warnings and counters. */
    SUMMARY("summary"),
    /** The summary, then one line per data row. */
    DETAILS("details"),
    /** The details, plus one line per changed attribute after each updated row. */
    DIFF("diff");

    private final String argument;

    ImportOutput(String argument) {
        this.argument = argument;
    }

    /** Returns the value of the {@code output} argument that selects this mode. */
    public String argument() {
        return argument;
    }

    /** Finds the mode for an argument value, compared case-sensitively. */
    public static Optional<ImportOutput> fromArgument(String value) {
        for (ImportOutput output : values()) {
            if (output.argument.equals(value)) {
                return Optional.of(output);
            }
        }
        return Optional.empty();
    }

    /** Tells whether the per-row table is written. */
    public boolean hasTable() {
        return this == DETAILS || this == DIFF;
    }
}
