package io.github.itopdata.core.export;

import io.github.itopdata.core.export.ExportException.Reason;
import io.github.itopdata.paramfile.Parameters;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Binds the flat {@code name -> value} parameters of export-v2 and of the legacy export page to an
 * {@link ExportRequest}, applying iTop's defaults and our stricter checks (one-character separator
 * and qualifier, known formats).
 */
public final class ExportParameters {

    /** Prefix of the parameters that give values to the query's {@code :name} parameters. */
    public static final String ARGUMENT_PREFIX = "arg_";

    private ExportParameters() {
    }

    /**
     * Binds export-v2 parameters.
     *
     * @param formatRequired true over HTTP, where {@code format} has no default
     * @throws ExportException with the message lines iTop prints, for missing or invalid arguments
     */
    public static ExportRequest bindV2(Parameters parameters, boolean formatRequired) {
        ExportRequest.Builder builder = ExportRequest.builder();
        bindQuery(parameters, builder, false);
        Optional<String> format = nonEmpty(parameters, "format");
        if (format.isEmpty() && formatRequired) {
            throw new ExportException(Reason.INVALID_REQUEST, List.of("Missing parameter 'format'."), true, null);
        }
        String code = format.orElse("html");
        builder.format(ExportFormat.fromCode(code).orElseThrow(() -> new ExportException(Reason.INVALID_REQUEST,
                "Invalid output format: '" + code + "'. The supported formats are: " + ExportFormat.SUPPORTED_V2)));
        builder.fields(parameters.get("fields").orElse(null));
        builder.localized(!parameters.isOne("no_localize"));
        builder.includeObsolete(parameters.isOne("with_archive"));
        builder.separator(separator(parameters));
        builder.textQualifier(qualifier(parameters));
        builder.neutralizeFormulas(parameters.isOne("neutralize_formulas"));
        builder.charset(parameters.get("charset").filter(c -> !c.isBlank()).orElse("UTF-8"));
        builder.dateFormat(dateFormat(parameters, code));
        parameters.get("formatted_text").filter(v -> !v.isBlank()).ifPresent(v -> builder.formattedText(v.trim().equals("1")));
        return builder.build();
    }

    /**
     * Binds the legacy export page's parameters: {@code format} lower-cased with html by default,
     * charset ISO-8859-1 by default, separator and qualifier fixed, obsolete objects shown.
     * {@code no_localize} and {@code fields_advanced} are read over HTTP only, as iTop does.
     */
    public static ExportRequest bindLegacy(Parameters parameters, boolean http) {
        ExportRequest.Builder builder = ExportRequest.builder().legacy(true).includeObsolete(true);
        bindQuery(parameters, builder, true);
        String code = nonEmpty(parameters, "format").orElse("html").toLowerCase(Locale.ROOT);
        builder.format(ExportFormat.fromCode(code).orElseThrow(() -> new ExportException(Reason.INVALID_REQUEST,
                "Unsupported format '" + code + "'. Possible values are: html, csv, spreadsheet or xml.")));
        builder.fields(parameters.get("fields").orElse(null));
        builder.localized(!(http && parameters.isOne("no_localize")));
        builder.advancedFields(http && parameters.isOne("fields_advanced"));
        builder.charset(parameters.get("charset").filter(c -> !c.isBlank()).orElse("ISO-8859-1"));
        return builder.build();
    }

    private static void bindQuery(Parameters parameters, ExportRequest.Builder builder, boolean legacy) {
        Optional<String> expression = nonEmpty(parameters, "expression");
        Optional<String> query = nonEmpty(parameters, "query");
        if (expression.isEmpty() && query.isEmpty()) {
            if (legacy) {
                throw new ExportException(Reason.INVALID_REQUEST, List.of(), true, null);
            }
            throw new ExportException(Reason.INVALID_REQUEST,
                    List.of("Missing parameter. At least one of '--expression' or '--query' must be specified."), true, null);
        }
        if (expression.isPresent()) {
            builder.expression(expression.get());
        } else {
            String id = query.get().trim();
            if (!id.matches("\\d{1,18}")) {
                throw new ExportException(Reason.NOT_FOUND, "Invalid query phrasebook identifier: '" + id + "'");
            }
            builder.queryId(Long.parseLong(id));
        }
        Map<String, String> arguments = new HashMap<>();
        for (String name : parameters.names()) {
            if (name.startsWith(ARGUMENT_PREFIX) && name.length() > ARGUMENT_PREFIX.length()) {
                arguments.put(name.substring(ARGUMENT_PREFIX.length()), parameters.get(name).orElse(""));
            }
        }
        builder.arguments(arguments);
    }

    private static int separator(Parameters parameters) {
        String value = parameters.get("separator").orElse(",");
        if (value.equalsIgnoreCase("tab")) {
            return '\t';
        }
        if (value.equals("other")) {
            value = parameters.get("other-separator").orElse(",");
            if (value.equalsIgnoreCase("tab")) {
                return '\t';
            }
        }
        if (value.codePointCount(0, value.length()) != 1) {
            throw new ExportException(Reason.INVALID_REQUEST, "Invalid separator '" + value + "': one character or 'tab' expected");
        }
        return value.codePointAt(0);
    }

    private static Integer qualifier(Parameters parameters) {
        String value = parameters.get("text-qualifier").orElse("\"");
        if (value.equals("other")) {
            value = parameters.get("other-text-qualifier").orElse("\"");
        }
        if (value.isEmpty()) {
            return null;
        }
        if (value.codePointCount(0, value.length()) != 1) {
            throw new ExportException(Reason.INVALID_REQUEST, "Invalid text qualifier '" + value + "': one character expected");
        }
        return value.codePointAt(0);
    }

    /** Returns the date format: the UI format (the default here) for {@code <format>_date_format_radio=default}, else {@code date_format}. */
    private static String dateFormat(Parameters parameters, String format) {
        String radio = switch (format) {
            case "xlsx" -> "excel_date_format_radio";
            default -> format + "_date_format_radio";
        };
        if (parameters.get(radio).map(String::trim).orElse("").equals("default")) {
            return "Y-m-d H:i:s";
        }
        return parameters.get("date_format").filter(v -> !v.isEmpty()).orElse("Y-m-d H:i:s");
    }

    private static Optional<String> nonEmpty(Parameters parameters, String name) {
        return parameters.get(name).filter(v -> !v.isEmpty());
    }
}
