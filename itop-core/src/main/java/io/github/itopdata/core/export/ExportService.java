package io.github.itopdata.core.export;

import io.github.itopdata.core.auth.RightsChecker;
import io.github.itopdata.core.auth.ServiceRight;
import io.github.itopdata.core.export.ExportException.Reason;
import io.github.itopdata.core.export.internal.TextValues;
import io.github.itopdata.core.model.ModelClass;
import io.github.itopdata.core.query.Phrasebook;
import io.github.itopdata.core.service.ExitCodes;
import io.github.itopdata.core.service.FrontEnd;
import io.github.itopdata.core.service.ItopService;
import io.github.itopdata.core.service.ServiceContext;
import io.github.itopdata.core.service.ServiceOutput;
import io.github.itopdata.core.service.ServiceResult;
import io.github.itopdata.paramfile.Parameters;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code export} service ({@code export-v2.php}): binds the parameters, checks the rights to
 * read the selected classes in bulk, and streams the document. The CLI prints errors as
 * {@code ERROR: <message>} lines on standard output; HTTP returns them with 400, 403, 404 or 500
 * and the same text in an HTML page.
 */
public class ExportService implements ItopService {

    private static final Logger LOG = LoggerFactory.getLogger(ExportService.class);

    /** Parameters of the usage text, in its order, with their description. */
    private static final List<String[]> USAGE = List.of(
            new String[] {"auth_user", "login of the exporting user (CLI, mandatory)"},
            new String[] {"auth_pwd", "password of that user (CLI, mandatory; prefer a --param_file)"},
            new String[] {"param_file", "parameters file read before the arguments (CLI only)"},
            new String[] {"expression", "the OQL query to export"},
            new String[] {"query", "id of a query phrasebook entry, used when expression is not given"},
            new String[] {"arg_<name>", "value of the query parameter :<name>"},
            new String[] {"format", "html, csv, xlsx, spreadsheet or xml (CLI default: html; mandatory over HTTP)"},
            new String[] {"fields", "comma-separated [alias.]attcode{->attcode} columns; mandatory for all formats but xml"},
            new String[] {"no_localize", "1 for codes and raw values instead of English labels (default 0)"},
            new String[] {"with_archive", "1 to include archived and obsolete objects, administrators only (default 0)"},
            new String[] {"separator", "csv: field separator, one character or the word tab (default ,)"},
            new String[] {"text-qualifier", "csv: quote character, one character or empty for none (default \")"},
            new String[] {"neutralize_formulas", "csv: 1 to prefix ' to cells starting with = + - @ tab or CR (default 0)"},
            new String[] {"charset", "csv: character set of the output (default UTF-8)"},
            new String[] {"date_format", "csv, spreadsheet, xlsx: date format in PHP date() letters (default Y-m-d H:i:s)"},
            new String[] {"formatted_text", "csv, spreadsheet, xlsx: 1 keeps HTML markup of rich text (default 0, spreadsheet 1)"},
            new String[] {"linksets", "xml: 1 adds linked sets (not supported yet, ignored)"},
            new String[] {"explain", "1 prints the SQL and its bound values instead of running the export"});

    @Override
    public String name() {
        return "export";
    }

    @Override
    public List<String> aliases() {
        return List.of("export-v2", "export-v2.php", "webservices/export-v2.php");
    }

    @Override
    public String usage(FrontEnd frontEnd) {
        StringBuilder text = new StringBuilder("USAGE:\nExport the result of an OQL query.\nParameters:\n");
        for (String[] parameter : USAGE) {
            text.append(" * ").append(parameter[0]).append(": ").append(parameter[1]).append('\n');
        }
        return text.toString();
    }

    @Override
    public Set<String> parameterNames(FrontEnd frontEnd) {
        Set<String> names = new LinkedHashSet<>(List.of("auth_user", "auth_pwd", "param_file", "expression", "query", "format",
                "fields", "no_localize", "with_archive", "separator", "other-separator", "text-qualifier",
                "other-text-qualifier", "neutralize_formulas", "charset", "date_format", "formatted_text", "linksets",
                "page_size", "page_orientation", "filename", "csv_date_format_radio", "spreadsheet_date_format_radio",
                "excel_date_format_radio", "pdf_date_format_radio", "login_mode", "explain"));
        return names;
    }

    @Override
    public Set<String> parameterPrefixes(FrontEnd frontEnd) {
        return Set.of("arg_");
    }

    @Override
    public String wrongCredentialsMessage(String login) {
        return "ERROR: Access restricted or wrong credentials for user '" + login + "'";
    }

    @Override
    public String missingCredentialMessage(String parameterName) {
        return "ERROR: Missing parameter '--" + parameterName + "'";
    }

    /** Binds the parameters to a request; the legacy page overrides it. */
    protected ExportRequest bind(ServiceContext context, Parameters parameters) {
        return ExportParameters.bindV2(parameters, context.frontEnd() == FrontEnd.HTTP);
    }

    @Override
    public ServiceResult run(ServiceContext context, Parameters parameters, ServiceOutput output) throws IOException {
        boolean http = context.frontEnd() == FrontEnd.HTTP;
        Exporter exporter = new Exporter(context.database(), context.schema());
        ExportPlan plan;
        try {
            ExportRequest request = withUser(bind(context, parameters), context);
            if (parameters.isOne("with_archive") && !RightsChecker.allows(context.user(), ServiceRight.READ_ARCHIVES)) {
                throw new ExportException(Reason.FORBIDDEN, "The user account is not authorized to access the archives");
            }
            plan = exporter.prepare(request);
            checkRights(context, plan);
        } catch (ExportException e) {
            return reject(context, output, e);
        }
        if (parameters.isOne("explain")) {
            return explain(output, plan);
        }
        if (http && plan.phrasebookId() != null) {
            new Phrasebook(context.database().jdbi()).recordExport(plan.phrasebookId());
        }
        if (http) {
            setHeaders(output, plan);
        }
        OutputStream body = output.body();
        try {
            long rows = exporter.write(plan, body);
            body.flush();
            LOG.info("Export by {} of {} rows in {}", context.user().login(), rows, plan.request().format().code());
            return ServiceResult.of(ExitCodes.OK);
        } catch (ExportException e) {
            LOG.error("Export by {} failed while writing", context.user().login(), e);
            context.warn("ERROR: " + String.join("\n", e.lines()));
            if (http) {
                // Aborting the response lets the client see a truncated transfer, not a short file.
                throw new IOException(String.join(" ", e.lines()), e);
            }
            return ServiceResult.of(ExitCodes.FAILURE);
        }
    }

    /** Writes the SQL the export would run and its bound values, without running it. */
    private static ServiceResult explain(ServiceOutput output, ExportPlan plan) throws IOException {
        output.contentType("text/plain; charset=UTF-8");
        StringBuilder text = new StringBuilder(plan.sql().sql()).append('\n');
        List<Object> values = plan.sql().parameters();
        for (int i = 0; i < values.size(); i++) {
            text.append('$').append(i + 1).append(" = ").append(values.get(i)).append('\n');
        }
        write(output.body(), text.toString());
        return ServiceResult.of(ExitCodes.OK);
    }

    /** Adds the built-in query parameters of the running user. */
    private static ExportRequest withUser(ExportRequest request, ServiceContext context) {
        Map<String, String> builtIns = Map.of(
                "current_user->id", String.valueOf(context.user().id()),
                "current_user->login", context.user().login(),
                // NOTE: users are not linked to contacts yet, so the current contact is always 0.
                "current_contact_id", "0");
        return new ExportRequest(request.expression(), request.queryId(), request.arguments(), builtIns, request.format(),
                request.fields(), request.localized(), request.includeObsolete(), request.separator(), request.textQualifier(),
                request.neutralizeFormulas(), request.charset(), request.dateFormat(), request.formattedText(), request.legacy(),
                request.applicationUrl(), request.advancedFields());
    }

    private void checkRights(ServiceContext context, ExportPlan plan) {
        List<String> aliases = plan.query().selectedAliases();
        List<ModelClass> classes = plan.query().selectedClasses();
        for (int i = 0; i < aliases.size(); i++) {
            if (!RightsChecker.canBulkRead(context.user(), classes.get(i).name())) {
                throw new ExportException(Reason.FORBIDDEN, deniedMessage(classes.get(i).name(), aliases.get(i)));
            }
        }
    }

    /** Returns the message for a class the user may not read in bulk. */
    protected String deniedMessage(String className, String alias) {
        return "You do not have enough permissions to bulk read data of class '" + className + "' (alias: " + alias + ")";
    }

    private static void setHeaders(ServiceOutput output, ExportPlan plan) {
        output.contentType(plan.contentType());
        String fileName = plan.fileName();
        boolean legacy = plan.request().legacy();
        if (fileName != null && !legacy) {
            output.header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        }
        switch (plan.request().format()) {
            case SPREADSHEET -> {
                output.header("Pragma", "");
                output.header("Cache-Control", "");
                output.header("X-Frame-Options", "SAMEORIGIN");
            }
            case HTML -> output.header("X-Frame-Options", "SAMEORIGIN");
            default -> {
            }
        }
    }

    /** Writes the error of a request that could not start, in the front-end's form, and returns its exit code. */
    protected ServiceResult reject(ServiceContext context, ServiceOutput output, ExportException e) throws IOException {
        boolean http = context.frontEnd() == FrontEnd.HTTP;
        StringBuilder text = new StringBuilder();
        if (!e.lines().isEmpty()) {
            text.append("ERROR: ").append(String.join("\n", e.lines())).append('\n');
        }
        if (e.showUsage()) {
            text.append(usage(context.frontEnd()));
        }
        if (http) {
            output.status(e.reason().httpStatus());
            boolean missingFields = e.lines().equals(List.of("Missing parameter: fields"));
            if (missingFields) {
                output.contentType("text/plain; charset=UTF-8");
                write(output.body(), "Missing parameter: fields\n" + usage(context.frontEnd()));
            } else {
                output.contentType("text/html; charset=UTF-8");
                write(output.body(), "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"UTF-8\">\n<title>Export</title>\n</head>\n"
                        + "<body>\n<pre>" + TextValues.escapeXml(text.toString()) + "</pre>\n</body>\n</html>\n");
            }
        } else {
            write(output.body(), text.toString());
        }
        return ServiceResult.of(e.reason().exitCode());
    }

    static void write(OutputStream body, String text) throws IOException {
        body.write(text.getBytes(StandardCharsets.UTF_8));
        body.flush();
    }
}
