package io.github.itopdata.core.export;

import java.util.Map;
import java.util.Objects;

/**
 * One export, with every argument already typed and checked. Build it with {@link #builder()}.
 *
 * @param expression         the OQL query, or null when {@code queryId} names a phrasebook entry
 * @param queryId            the phrasebook entry to use when {@code expression} is null
 * @param arguments          values of the query's parameters, by name without colon (from {@code arg_<name>})
 * @param builtInArguments   values of the built-in parameters for the running user
 *                           ({@code current_contact_id}, {@code current_user->login}...)
 * @param format             the output format
 * @param fields             the {@code fields} argument as given, or null
 * @param localized          false for {@code no_localize=1}: codes instead of labels
 * @param includeObsolete    true to include obsolete objects (v1 always, v2 with {@code with_archive=1})
 * @param separator          csv field separator (one character)
 * @param textQualifier      csv text qualifier, or null for none
 * @param neutralizeFormulas csv: prefix {@code '} to cells a spreadsheet would read as formulas
 * @param charset            csv character set name, as given
 * @param dateFormat         PHP-style date format for csv, spreadsheet and xlsx
 * @param formattedText      keep HTML markup of rich text; null for the format's default
 * @param legacy             the layout of the legacy {@code export.php}: unquoted csv header in model order,
 *                           a byte-order mark for UTF-8
 * @param applicationUrl     base URL of object links in html output, such as {@code https://cmdb.example.org/}
 * @param advancedFields     legacy csv and spreadsheet without {@code fields}: add a leading id column, and each
 *                           external key followed by its target's reconciliation keys ({@code fields_advanced=1})
 */
public record ExportRequest(String expression, Long queryId, Map<String, String> arguments,
                            Map<String, String> builtInArguments, ExportFormat format, String fields, boolean localized,
                            boolean includeObsolete, int separator, Integer textQualifier, boolean neutralizeFormulas,
                            String charset, String dateFormat, Boolean formattedText, boolean legacy, String applicationUrl,
                            boolean advancedFields) {

    public ExportRequest {
        arguments = Map.copyOf(arguments);
        builtInArguments = Map.copyOf(builtInArguments);
        Objects.requireNonNull(format, "format");
        if (expression == null && queryId == null) {
            throw new IllegalArgumentException("An export needs an expression or a phrasebook id");
        }
    }

    /** Returns whether rich text keeps its markup: the request's choice, else on for spreadsheet only. */
    public boolean keepsMarkup() {
        return formattedText != null ? formattedText : format == ExportFormat.SPREADSHEET;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects the arguments of an {@link ExportRequest}; the defaults are those of export-v2. */
    public static final class Builder {
        private String expression;
        private Long queryId;
        private Map<String, String> arguments = Map.of();
        private Map<String, String> builtInArguments = Map.of();
        private ExportFormat format = ExportFormat.HTML;
        private String fields;
        private boolean localized = true;
        private boolean includeObsolete;
        private int separator = ',';
        private Integer textQualifier = (int) '"';
        private boolean neutralizeFormulas;
        private String charset = "UTF-8";
        private String dateFormat = "Y-m-d H:i:s";
        private Boolean formattedText;
        private boolean legacy;
        private String applicationUrl = "";
        private boolean advancedFields;

        public Builder expression(String value) {
            this.expression = value;
            return this;
        }

        public Builder queryId(Long value) {
            this.queryId = value;
            return this;
        }

        public Builder arguments(Map<String, String> value) {
            this.arguments = value;
            return this;
        }

        public Builder builtInArguments(Map<String, String> value) {
            this.builtInArguments = value;
            return this;
        }

        public Builder format(ExportFormat value) {
            this.format = value;
            return this;
        }

        public Builder fields(String value) {
            this.fields = value;
            return this;
        }

        public Builder localized(boolean value) {
            this.localized = value;
            return this;
        }

        public Builder includeObsolete(boolean value) {
            this.includeObsolete = value;
            return this;
        }

        /** Sets the csv separator, one Unicode code point. */
        public Builder separator(int value) {
            this.separator = value;
            return this;
        }

        /** Sets the csv text qualifier, one Unicode code point, or null for no quoting. */
        public Builder textQualifier(Integer value) {
            this.textQualifier = value;
            return this;
        }

        public Builder neutralizeFormulas(boolean value) {
            this.neutralizeFormulas = value;
            return this;
        }

        public Builder charset(String value) {
            this.charset = value;
            return this;
        }

        public Builder dateFormat(String value) {
            this.dateFormat = value;
            return this;
        }

        public Builder formattedText(Boolean value) {
            this.formattedText = value;
            return this;
        }

        public Builder legacy(boolean value) {
            this.legacy = value;
            return this;
        }

        public Builder applicationUrl(String value) {
            this.applicationUrl = value;
            return this;
        }

        public Builder advancedFields(boolean value) {
            this.advancedFields = value;
            return this;
        }

        public ExportRequest build() {
            return new ExportRequest(expression, queryId, arguments, builtInArguments, format, fields, localized,
                    includeObsolete, separator, textQualifier, neutralizeFormulas, charset, dateFormat, formattedText,
                    legacy, applicationUrl, advancedFields);
        }
    }
}
