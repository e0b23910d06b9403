package io.github.itopdata.core.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The arguments of one CSV import, normalized the way {@code import.php} reads them: values
 * trimmed, {@code tab} turned into a TAB separator, legacy {@code %} date placeholders
 * rewritten, {@code simulate} and {@code no_localize} read as flags.
 *
 * <p>Values that can be wrong (class, separator, qualifier, output, charset, comment length)
 * are kept as given and checked by {@link CsvImporter} in iTop's order, so that the first
 * failing check prints the expected message. Immutable.
 *
 * @param className class of the imported objects; empty when the argument is missing
 * @param charset charset of the data; empty means "detect" (UTF-8 if valid, else ISO-8859-1)
 * @param dateFormat input format of dates and date-times with PHP letters; empty means none
 * @param separator column separator, a TAB for {@code tab}
 * @param qualifier text qualifier; empty means no quoting
 * @param output the {@code output} argument as given ({@code retcode}, {@code summary},
 *     {@code details} or {@code diff})
 * @param reconciliationKeys column names to reconcile on; empty means the class defaults
 * @param simulate compute and report everything, write nothing
 * @param comment text appended to the change-tracking user info
 * @param noLocalize true for attribute codes and internal values only
 * @param transaction the {@code transaction} argument as given ({@code row} or {@code all})
 * @param exitCode the {@code exit_code} argument as given; {@code issues} makes rows in error
 *     exit with 3
 */
public record ImportRequest(String className, String charset, String dateFormat, String separator,
        String qualifier, String output, List<String> reconciliationKeys, boolean simulate, String comment,
        boolean noLocalize, String transaction, String exitCode) {

    /** Names of the arguments the import reads, in the order of the usage text, then ours. */
    public static final List<String> PARAMETER_NAMES = List.of("auth_user", "auth_pwd", "class", "csvfile",
            "csvdata", "charset", "date_format", "separator", "qualifier", "output", "reconciliationkeys",
            "simulate", "comment", "no_localize", "param_file", "transaction", "exit_code");

    private static final Pattern FLAG_CHARACTERS = Pattern.compile("[ A-Za-z0-9_=-]*");
    private static final Pattern INTEGER = Pattern.compile("[0-9]+");

    /** Checks that no part is null and copies the key list. */
    public ImportRequest {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(charset, "charset");
        Objects.requireNonNull(dateFormat, "dateFormat");
        Objects.requireNonNull(separator, "separator");
        Objects.requireNonNull(qualifier, "qualifier");
        Objects.requireNonNull(output, "output");
        reconciliationKeys = List.copyOf(reconciliationKeys);
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(exitCode, "exitCode");
    }

    /** Starts a request for a class with every other argument at its default. */
    public static Builder builder(String className) {
        return new Builder(className);
    }

    /**
     * Reads a request from named string arguments, as both front-ends receive them. Missing
     * arguments take their defaults; {@code csvdata}, {@code csvfile} and credentials are not
     * part of the request.
     */
    public static ImportRequest fromParameters(Map<String, String> parameters) {
        Builder builder = new Builder(value(parameters, "class", ""));
        builder.charset(value(parameters, "charset", ""));
        builder.dateFormat(rewriteLegacyDateFormat(value(parameters, "date_format", "")));
        String separator = value(parameters, "separator", ",");
        builder.separator(separator.equalsIgnoreCase("tab") ? "\t" : separator);
        builder.qualifier(value(parameters, "qualifier", "\""));
        builder.output(value(parameters, "output", "summary"));
        builder.reconciliationKeys(splitKeys(value(parameters, "reconciliationkeys", "")));
        builder.simulate(isFlagSet(value(parameters, "simulate", "0")));
        builder.comment(value(parameters, "comment", ""));
        builder.noLocalize(isFlagSet(value(parameters, "no_localize", "0")));
        builder.transaction(value(parameters, "transaction", TransactionMode.ROW.argument()));
        builder.exitCode(value(parameters, "exit_code", ""));
        return builder.build();
    }

    /** Trims like iTop: spaces, tabs, CR, LF, NUL and vertical tabs at both ends. */
    static String trim(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && " \t\r\n\0\u000B".indexOf(value.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && " \t\r\n\0\u000B".indexOf(value.charAt(end - 1)) >= 0) {
            end--;
        }
        return value.substring(start, end);
    }

    private static String value(Map<String, String> parameters, String name, String defaultValue) {
        String value = parameters.get(name);
        return value == null ? defaultValue : trim(value);
    }

    /** Reads {@code simulate} or {@code no_localize}: set when numerically equal to 1. */
    static boolean isFlagSet(String value) {
        if (!FLAG_CHARACTERS.matcher(value).matches()) {
            return false;
        }
        return INTEGER.matcher(value).matches() && value.replaceFirst("^0+", "").equals("1");
    }

    static String rewriteLegacyDateFormat(String format) {
        if (!format.contains("%")) {
            return format;
        }
        return format.replace("%d", "d").replace("%m", "m").replace("%y", "y").replace("%Y", "Y")
                .replace("%H", "H").replace("%i", "i").replace("%s", "s");
    }

    private static List<String> splitKeys(String keys) {
        List<String> result = new ArrayList<>();
        for (String item : keys.split(",")) {
            String trimmed = item.strip();
            if (!trimmed.isEmpty()) {
                result.add(trimmed);
            }
        }
        return result;
    }

    /** Collects the arguments of an {@link ImportRequest}; not thread-safe. */
    public static final class Builder {
        private final String className;
        private String charset = "";
        private String dateFormat = "";
        private String separator = ",";
        private String qualifier = "\"";
        private String output = ImportOutput.SUMMARY.argument();
        private List<String> reconciliationKeys = List.of();
        private boolean simulate;
        private String comment = "";
        private boolean noLocalize;
        private String transaction = TransactionMode.ROW.argument();
        private String exitCode = "";

        private Builder(String className) {
            this.className = className;
        }

        /** Sets the charset name; empty detects it. */
        public Builder charset(String value) {
            this.charset = value;
            return this;
        }

        /** Sets the date format with PHP letters; empty for none. */
        public Builder dateFormat(String value) {
            this.dateFormat = value;
            return this;
        }

        /** Sets the separator: one character. */
        public Builder separator(String value) {
            this.separator = value;
            return this;
        }

        /** Sets the qualifier: one character, or empty for no quoting. */
        public Builder qualifier(String value) {
            this.qualifier = value;
            return this;
        }

        /** Sets the output mode. */
        public Builder output(ImportOutput value) {
            this.output = value.argument();
            return this;
        }

        /** Sets the output mode as an argument value, checked when the import runs. */
        public Builder output(String value) {
            this.output = value;
            return this;
        }

        /** Sets the reconciliation key column names; empty for the class defaults. */
        public Builder reconciliationKeys(List<String> value) {
            this.reconciliationKeys = List.copyOf(value);
            return this;
        }

        /** Sets whether the run is a simulation. */
        public Builder simulate(boolean value) {
            this.simulate = value;
            return this;
        }

        /** Sets the change-tracking comment. */
        public Builder comment(String value) {
            this.comment = value;
            return this;
        }

        /** Sets whether headers and values are codes only. */
        public Builder noLocalize(boolean value) {
            this.noLocalize = value;
            return this;
        }

        /** Sets the transaction mode. */
        public Builder transaction(TransactionMode value) {
            this.transaction = value.argument();
            return this;
        }

        /** Sets the transaction mode as an argument value, checked when the import runs. */
        public Builder transaction(String value) {
            this.transaction = value;
            return this;
        }

        /** Sets the {@code exit_code} argument ({@code issues} or empty). */
        public Builder exitCode(String value) {
            this.exitCode = value;
            return this;
        }

        /** Builds the immutable request. */
        public ImportRequest build() {
            return new ImportRequest(className, charset, dateFormat, separator, qualifier, output,
                    reconciliationKeys, simulate, comment, noLocalize, transaction, exitCode);
        }
    }
}
