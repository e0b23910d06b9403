package io.github.itopdata.core.imports;

import io.github.itopdata.core.auth.RightsChecker;
import io.github.itopdata.core.service.ExitCodes;
import io.github.itopdata.core.service.FrontEnd;
import io.github.itopdata.core.service.ItopService;
import io.github.itopdata.core.service.ServiceContext;
import io.github.itopdata.core.service.ServiceOutput;
import io.github.itopdata.core.service.ServiceResult;
import io.github.itopdata.paramfile.Parameters;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code import} service ({@code import.php}): binds the call's parameters to an
 * {@link ImportRequest}, checks the right to bulk-modify the class, and runs {@link CsvImporter}.
 *
 * <p>On the CLI the data is the file named by {@code csvfile}. Over HTTP the endpoint should
 * spool the posted {@code csvdata} to a file and call {@link #run(ServiceContext, Parameters,
 * ImportInput, ServiceOutput)}; {@link #run(ServiceContext, Parameters, ServiceOutput)} reads a
 * {@code csvdata} parameter as UTF-8 text when it is given that way.
 */
public final class ImportService implements ItopService {

    private static final Logger LOG = LoggerFactory.getLogger(ImportService.class);
    private static final LongConsumer NO_PROGRESS = rows -> { };

    /** Arguments of the usage text, in its order, with their description and default (null = mandatory). */
    private static final List<String[]> USAGE = List.of(
            new String[] {"auth_user", "login of the importing user", null},
            new String[] {"auth_pwd", "password of that user (prefer a --param_file to keep it out of the process list)", null},
            new String[] {"class", "class of the imported objects", null},
            new String[] {"csvfile", "path of the CSV file to import", null},
            new String[] {"csvdata", "the CSV data itself", null},
            new String[] {"charset", "character set of the data; empty reads UTF-8 when the data is valid UTF-8, else ISO-8859-1", ""},
            new String[] {"date_format", "input format of dates with PHP date letters, such as d/m/Y H:i", ""},
            new String[] {"separator", "column separator: one character, or the word tab", ","},
            new String[] {"qualifier", "text qualifier: one character, empty for no quoting", "\""},
            new String[] {"output", "retcode, summary, details or diff", "summary"},
            new String[] {"reconciliationkeys", "comma-separated columns that find existing objects", ""},
            new String[] {"simulate", "1 to compute and report everything without writing", "0"},
            new String[] {"comment", "text added to the change history of the run", ""},
            new String[] {"no_localize", "1 for attribute codes and values, 0 for English labels as well", "0"},
            new String[] {"transaction", "row commits each valid row; all writes nothing unless every row is valid", "row"},
            new String[] {"exit_code", "issues to exit with status 3 when a row has an issue", ""},
            new String[] {"param_file", "comma-separated parameters files read before the arguments", ""});

    @Override
    public String name() {
        return "import";
    }

    @Override
    public List<String> aliases() {
        return List.of("import.php", "webservices/import.php");
    }

    @Override
    public String usage(FrontEnd frontEnd) {
        StringBuilder text = new StringBuilder("USAGE:\n\n");
        for (String[] argument : USAGE) {
            if (!isListed(argument[0], frontEnd)) {
                continue;
            }
            text.append(argument[0]).append(" = ").append(argument[1]);
            text.append(argument[2] == null ? ", mandatory" : ", optional, defaults to [" + argument[2] + "]");
            text.append('\n');
        }
        return text.toString();
    }

    private static boolean isListed(String name, FrontEnd frontEnd) {
        boolean http = frontEnd == FrontEnd.HTTP;
        return switch (name) {
            case "auth_user", "auth_pwd", "csvfile", "param_file" -> !http;
            case "csvdata" -> http;
            default -> true;
        };
    }

    @Override
    public Set<String> parameterNames(FrontEnd frontEnd) {
        Set<String> names = new LinkedHashSet<>(ImportRequest.PARAMETER_NAMES);
        if (frontEnd == FrontEnd.HTTP) {
            names.remove("csvfile");
        } else {
            names.remove("csvdata");
        }
        return names;
    }

    @Override
    public ServiceResult run(ServiceContext context, Parameters parameters, ServiceOutput output) throws IOException {
        if (context.frontEnd() == FrontEnd.HTTP) {
            Optional<String> data = parameters.get("csvdata");
            return run(context, parameters, ImportInput.of(data.orElse("").getBytes(StandardCharsets.UTF_8)), output);
        }
        Optional<String> file = parameters.get("csvfile").map(String::strip);
        OutputStream body = output.body();
        if (file.isEmpty()) {
            return usageError(body, "csvfile", context.frontEnd());
        }
        Optional<ImportInput> data = ImportInput.ofReadableFile(file.get());
        if (data.isEmpty()) {
            write(body, ImportInput.unreadableMessage(file.get()));
            return ServiceResult.of(ExitCodes.ACCESS);
        }
        return run(context, parameters, data.get(), output);
    }

    /**
     * Runs the import on data the front-end has already read, such as an HTTP body spooled to a
     * temporary file.
     */
    public ServiceResult run(ServiceContext context, Parameters parameters, ImportInput data, ServiceOutput output)
            throws IOException {
        boolean http = context.frontEnd() == FrontEnd.HTTP;
        if (http) {
            output.contentType("text/plain; charset=utf-8");
            output.header("Cache-control", "no-cache, no-store, must-revalidate");
            output.header("Pragma", "no-cache");
            output.header("Expires", "0");
            output.header("X-Content-Type-Options", "nosniff");
        }
        OutputStream body = output.body();
        if (http && parameters.contains("param_file")) {
            write(body, "#Warning: param_file is not accepted over HTTP\n");
        }
        ImportRequest request = ImportRequest.fromParameters(parameters.asMap());
        if (request.className().isEmpty()) {
            return usageError(body, "class", context.frontEnd());
        }
        ImportUser user = new ImportUser(context.user().login(), Optional.of(context.user().id()),
                className -> RightsChecker.canBulkModify(context.user(), className));
        CsvImporter importer = new CsvImporter(context.database().jdbi(), context.schema().model());
        try {
            LongConsumer progress = progressFor(context);
            ImportResult result = importer.run(request, data, user, body, progress);
            if (progress != NO_PROGRESS) {
                System.err.println();
            }
            if (http && "retcode".equals(request.output()) && !result.stopped()) {
                write(body, "\n");
            }
            return ServiceResult.of(result.exitCode(), result.issues());
        } catch (RuntimeException e) {
            LOG.error("Import into {} failed", request.className(), e);
            write(body, "#Fatal error: " + e.getMessage() + "\n");
            return ServiceResult.of(ExitCodes.FAILURE);
        }
    }

    private ServiceResult usageError(OutputStream body, String missing, FrontEnd frontEnd) throws IOException {
        write(body, "ERROR: Missing argument '" + missing + "'\n\n" + usage(frontEnd));
        return ServiceResult.of(ExitCodes.USAGE);
    }

    /** Shows rows done and rows per second on standard error when the CLI runs in a terminal. */
    private static LongConsumer progressFor(ServiceContext context) {
        if (context.frontEnd() != FrontEnd.CLI || System.console() == null) {
            return NO_PROGRESS;
        }
        long start = System.nanoTime();
        PrintStream err = System.err;
        return rows -> {
            double seconds = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
            err.printf("\r%,d rows, %,.0f rows/s   ", rows, rows / seconds);
            err.flush();
        };
    }

    private static void write(OutputStream body, String text) throws IOException {
        body.write(text.getBytes(StandardCharsets.UTF_8));
        body.flush();
    }
}
