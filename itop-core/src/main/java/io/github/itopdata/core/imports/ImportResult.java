package io.github.itopdata.core.imports;

/**
 * The outcome of an import run.
 *
 * @param exitCode the CLI exit code: 0 completed, 2 stopped on an argument, data, header or
 *     reconciliation error, 3 rows in error with {@code exit_code=issues}, 255 missing right
 * @param stopMessage the line that stopped the run, without its {@code #}; empty when it completed
 * @param issues rows in error
 * @param created rows that created an object
 * @param updated rows that updated an object
 * @param unchanged rows whose object needed no change
 * @param written whether anything was written (false for simulations, stopped runs and
 *     {@code transaction=all} runs with issues)
 */
public record ImportResult(int exitCode, String stopMessage, long issues, long created, long updated,
        long unchanged, boolean written) {

    /** Tells whether the run stopped before processing rows. */
    public boolean stopped() {
        return !stopMessage.isEmpty();
    }
}
