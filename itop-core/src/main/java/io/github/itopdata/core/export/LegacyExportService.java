package io.github.itopdata.core.export;

import io.github.itopdata.core.export.internal.TextValues;
import io.github.itopdata.core.query.OqlException;
import io.github.itopdata.core.service.FrontEnd;
import io.github.itopdata.core.service.ServiceContext;
import io.github.itopdata.core.service.ServiceOutput;
import io.github.itopdata.core.service.ServiceResult;
import io.github.itopdata.paramfile.Parameters;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * The legacy export page ({@code export.php}): the v2 engine with the old page's defaults and
 * layouts, and its errors inside a minimal HTML document.
 */
public final class LegacyExportService extends ExportService {

    private static final String USAGE = """
            USAGE:
            General purpose export page.
            Parameters:
             * expression: the OQL query to run (URL-encoded over HTTP)
             * query: instead of expression, the id of a saved query of the phrasebook
             * arg_<name>: the value of the query parameter :<name>, for each parameter of the query
             * format: html (default), csv, spreadsheet, xlsx or xml
             * fields: the columns, as attribute codes or alias.attcode, comma-separated; XML ignores them
             * fields_advanced: 1 to add the external keys and their reconciliation keys to the default columns; ignored with fields and by XML
             * filename: over HTTP, send the result as a download with this name
             * charset: CSV only, the output character set (default ISO-8859-1)
             * no_localize: over HTTP, 1 for value codes instead of labels
             * with_archive: 1 to include archived and obsolete objects
            """;

    @Override
    public String name() {
        return "export-v1";
    }

    @Override
    public List<String> aliases() {
        return List.of("export.php", "webservices/export.php");
    }

    @Override
    public String usage(FrontEnd frontEnd) {
        return USAGE;
    }

    @Override
    public Set<String> parameterNames(FrontEnd frontEnd) {
        return Set.of("auth_user", "auth_pwd", "param_file", "expression", "query", "format", "fields", "fields_advanced",
                "filename", "charset", "no_localize", "with_archive", "login_mode");
    }

    @Override
    public Set<String> parameterPrefixes(FrontEnd frontEnd) {
        return Set.of("arg_");
    }

    @Override
    public String wrongCredentialsMessage(String login) {
        return "Access restricted or wrong credentials ('" + login + "')";
    }

    @Override
    protected ExportRequest bind(ServiceContext context, Parameters parameters) {
        return ExportParameters.bindLegacy(parameters, context.frontEnd() == FrontEnd.HTTP);
    }

    @Override
    protected String deniedMessage(String className, String alias) {
        return "The current user does not have permission for exporting data of class " + className;
    }

    @Override
    protected ServiceResult reject(ServiceContext context, ServiceOutput output, ExportException e) throws IOException {
        if (context.frontEnd() == FrontEnd.HTTP) {
            output.status(e.reason().httpStatus());
            output.contentType("text/html; charset=UTF-8");
        }
        if (e.lines().isEmpty() || e.reason() == ExportException.Reason.NOT_FOUND) {
            // No query, or an unknown phrasebook id: the old page only prints its usage.
            write(output.body(), usage(context.frontEnd()));
            return ServiceResult.of(ExportException.Reason.INVALID_REQUEST.exitCode());
        }
        String content;
        if (e.lines().get(0).startsWith("Unsupported format")) {
            content = TextValues.escapeXml(e.lines().get(0));
        } else {
            String message = e.getCause() instanceof OqlException oql ? htmlMessage(oql)
                    : TextValues.escapeXml(e.lines().get(e.lines().size() - 1));
            content = "<p>Error the query can not be executed.</p><p>" + message + "</p>";
        }
        write(output.body(), "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"UTF-8\">\n<title>Export</title>\n</head>\n<body>\n"
                + content + "\n</body>\n</html>\n");
        return ServiceResult.of(e.reason().exitCode());
    }

    /** Renders an OQL error the way the old page shows it: escaped, the offending text in bold inside the query. */
    static String htmlMessage(OqlException error) {
        if (error.kind() == OqlException.Kind.LEXICAL || error.query() == null || error.position() < 0
                || error.position() > error.query().length()) {
            return TextValues.escapeXml(error.getMessage());
        }
        String query = error.query();
        int end = Math.min(query.length(), error.position() + error.text().length());
        String highlighted = TextValues.escapeXml(query.substring(0, error.position()))
                + "<span style=\"font-weight: bolder\">" + TextValues.escapeXml(query.substring(error.position(), end)) + "</span>"
                + TextValues.escapeXml(query.substring(end));
        StringBuilder out = new StringBuilder(TextValues.escapeXml(error.issue() + ", found '" + error.text() + "' in: "))
                .append(highlighted);
        if (!error.expected().isEmpty() && error.expected().size() < 30) {
            out.append(TextValues.escapeXml(", expecting {" + String.join(", ", error.expected()) + "}"));
        }
        if (!error.suggestion().isEmpty()) {
            out.append(", I would suggest to use '<span style=\"font-weight: bolder\">")
                    .append(TextValues.escapeXml(error.suggestion())).append("</span>'");
        }
        return out.toString();
    }
}
