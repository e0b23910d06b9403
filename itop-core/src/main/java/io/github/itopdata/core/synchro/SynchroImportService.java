package io.github.itopdata.core.synchro;

import io.github.itopdata.core.auth.RightsChecker;
import io.github.itopdata.core.auth.ServiceRight;
import io.github.itopdata.core.auth.User;
import io.github.itopdata.core.imports.ImportInput;
import io.github.itopdata.core.imports.internal.CsvRowReader;
import io.github.itopdata.core.imports.internal.StrictDecodingReader;
import io.github.itopdata.core.service.ExitCodes;
import io.github.itopdata.core.service.FrontEnd;
import io.github.itopdata.core.service.ItopService;
import io.github.itopdata.core.service.ServiceContext;
import io.github.itopdata.core.service.ServiceOutput;
import io.github.itopdata.core.service.ServiceResult;
import io.github.itopdata.core.synchro.internal.FeedDocuments;
import io.github.itopdata.paramfile.Parameters;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.LocalDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code synchro_import} service ({@code synchro_import.php}): loads CSV data into the
 * replica table of a data source, then runs its synchronization when {@code synchronize=1}.
 *
 * <p>The source's lock is held from the start of the load to the end of the run. With
 * {@code simulate=1}, load and run happen in one transaction that is rolled back.
 */
public final class SynchroImportService implements ItopService {

    private static final Logger LOG = LoggerFactory.getLogger(SynchroImportService.class);
    private static final String DEFAULT_DATE_FORMAT = "Y-m-d H:i:s";

    /** Arguments of the usage text, in its order: name, description, default (null = mandatory). */
    private static final List<String[]> USAGE = List.of(
            new String[] {"auth_user", "login of the user who loads the data", null},
            new String[] {"auth_pwd", "password of that user", null},
            new String[] {"data_source_id", "id of the synchro data source", null},
            new String[] {"csvfile", "path of the CSV file to load", null},
            new String[] {"synchronize", "1 to synchronize after loading", "1"},
            new String[] {"charset", "character set of the data", "UTF-8"},
            new String[] {"date_format", "input format of dates, with PHP date letters", "Y-m-d H:i:s"},
            new String[] {"separator", "column separator: one character, or the word tab", ";"},
            new String[] {"qualifier", "text qualifier: one character", "\""},
            new String[] {"output", "retcode, summary or details", "summary"},
            new String[] {"max_chunk_size", "replicas written per transaction during the synchronization, 0 for 500",
                "0"},
            new String[] {"simulate", "1 to report what would happen and change nothing", "0"},
            new String[] {"comment", "text added to the change history", ""},
            new String[] {"no_stop_on_import_error", "1 to keep loading after a row fails", "0"},
            new String[] {"synchro_lock_wait", "seconds to wait for another load or run of the source", "3600"},
            new String[] {"synchro_prevent_delete_all", "false to let a run make every replica obsolete at once",
                "true"},
            new String[] {"synchro_trace", "none, display (traces in the output) or save (also in the run's log)",
                "none"});

    private static final Set<String> PARAMETERS = Set.of("data_source_id", "csvfile", "csvdata", "synchronize",
            "charset", "date_format", "separator", "qualifier", "output", "max_chunk_size", "simulate", "comment",
            "no_stop_on_import_error", "exit_code", "synchro_lock_wait", "synchro_prevent_delete_all", "synchro_trace");

    @Override
    public String name() {
        return "synchro_import";
    }

    @Override
    public List<String> aliases() {
        return List.of("synchro_import.php", "synchro/synchro_import.php");
    }

    @Override
    public String usage(FrontEnd frontEnd) {
        StringBuilder text = new StringBuilder("USAGE:\n\n");
        for (String[] argument : USAGE) {
            text.append(argument[0]).append(" = ").append(argument[1]);
            text.append(argument[2] == null ? ", mandatory" : ", optional, defaults to [" + argument[2] + "]");
            text.append('\n');
        }
        return text.toString();
    }

    @Override
    public Set<String> parameterNames(FrontEnd frontEnd) {
        Set<String> names = new LinkedHashSet<>(PARAMETERS);
        names.remove(frontEnd == FrontEnd.HTTP ? "csvfile" : "csvdata");
        return names;
    }

    @Override
    public ServiceResult run(ServiceContext context, Parameters parameters, ServiceOutput output) throws IOException {
        boolean http = context.frontEnd() == FrontEnd.HTTP;
        if (http) {
            output.contentType("text/plain; charset=utf-8");
            output.header("Cache-control", "no-cache, no-store, must-revalidate");
        }
        OutputStream body = output.body();
        if (http && parameters.contains("param_file")) {
            write(body, "#Warning: param_file is not accepted over HTTP\n");
        }
        ImportInput input;
        if (http) {
            input = ImportInput.of(parameters.get("csvdata").orElse("").getBytes(StandardCharsets.UTF_8));
        } else {
            Optional<String> file = value(parameters, "csvfile");
            if (file.isEmpty()) {
                return usageError(body, "csvfile", context.frontEnd());
            }
            Optional<ImportInput> data = ImportInput.ofReadableFile(file.get());
            if (data.isEmpty()) {
                write(body, ImportInput.unreadableMessage(file.get()));
                return ServiceResult.of(ExitCodes.ACCESS);
            }
            input = data.get();
        }
        return run(context, parameters, input, output);
    }

    /** Runs the service on data the front-end has already read, such as an HTTP body spooled to a file. */
    public ServiceResult run(ServiceContext context, Parameters parameters, ImportInput input, ServiceOutput output)
            throws IOException {
        if (context.frontEnd() == FrontEnd.HTTP) {
            output.contentType("text/plain; charset=utf-8");
            output.header("Cache-control", "no-cache, no-store, must-revalidate");
        }
        OutputStream body = output.body();
        try {
            return load(context, parameters, input, body);
        } catch (SourceLockedException e) {
            write(body, "ERROR: " + e.getMessage() + "\n");
            return ServiceResult.of(ExitCodes.SAFETY_STOP);
        } catch (RuntimeException e) {
            LOG.error("synchro_import failed", e);
            write(body, "#Fatal error: " + e.getMessage() + "\n");
            return ServiceResult.of(ExitCodes.FAILURE);
        }
    }

    private ServiceResult load(ServiceContext context, Parameters parameters, ImportInput input, OutputStream body)
            throws IOException {
        Optional<String> sourceArgument = value(parameters, "data_source_id");
        if (sourceArgument.isEmpty()) {
            return usageError(body, "data_source_id", context.frontEnd());
        }
        if (input.size() == 0) {
            return stop(body, "#Missing data - at least one line is expected", ExitCodes.USAGE);
        }
        DataSources sources = new DataSources(context.database().jdbi(), context.schema());
        Optional<DataSource> found = sourceArgument.get().matches("[0-9]{1,18}")
                ? sources.find(Long.parseLong(sourceArgument.get())) : Optional.empty();
        if (found.isEmpty()) {
            return stop(body, "#Unknown data source id: '" + sourceArgument.get() + "'", ExitCodes.UNKNOWN_DATA_SOURCE);
        }
        DataSource source = found.get();
        String separator = value(parameters, "separator").orElse(";");
        separator = separator.equalsIgnoreCase("tab") ? "\t" : separator;
        if (separator.codePointCount(0, separator.length()) != 1) {
            return stop(body, "#Separator is limited to one character, found '" + separator + "'", ExitCodes.USAGE);
        }
        String qualifier = value(parameters, "qualifier").orElse("\"");
        if (qualifier.codePointCount(0, qualifier.length()) > 1) {
            return stop(body, "#Text qualifier is limited to one character, found '" + qualifier + "'",
                    ExitCodes.USAGE);
        }
        String mode = value(parameters, "output").orElse("summary");
        if (!List.of("retcode", "summary", "details").contains(mode)) {
            return stop(body, "#Unknown output format: '" + mode + "'", ExitCodes.USAGE);
        }
        Optional<String> charsetName = value(parameters, "charset").filter(c -> !c.isEmpty());
        Charset charset = null;
        if (charsetName.isPresent()) {
            try {
                charset = Charset.forName(charsetName.get());
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                return stop(body, "#Unknown charset '" + charsetName.get() + "'", ExitCodes.USAGE);
            }
        }
        String dateFormat = dateFormat(value(parameters, "date_format").orElse(""));
        if (!mayUse(context.user(), source)) {
            return stop(body, "#" + SynchroRun.rightsMessage(), ExitCodes.ACCESS);
        }

        Prepass prepass = prepass(input, charset, separator, qualifier);
        if (prepass.invalidData != null) {
            return stop(body, "#" + prepass.invalidData, ExitCodes.USAGE);
        }
        List<String> allowed = sources.columnsOf(source.scopeClass());
        for (String column : prepass.header) {
            if (!column.equals("primary_key") && !allowed.contains(column)) {
                return stop(body, "#Unknown column '" + column + "' (class: '" + source.scopeClass() + "')",
                        ExitCodes.USAGE);
            }
        }
        if (!prepass.header.contains("primary_key")) {
            return stop(body, "#Missing reconciliation column 'primary_key'", ExitCodes.USAGE);
        }
        Optional<String> incomplete = FeedDocuments.incompleteDocument(context.schema().model().get(source.scopeClass()),
                prepass.header);
        if (incomplete.isPresent()) {
            return stop(body, "#" + incomplete.get(), ExitCodes.USAGE);
        }

        boolean synchronize = value(parameters, "synchronize").orElse("1").equals("1");
        boolean simulate = value(parameters, "simulate").orElse("0").equals("1");
        boolean noStop = value(parameters, "no_stop_on_import_error").orElse("0").equals("1");
        String comment = value(parameters, "comment").orElse("");
        int chunk = parseChunk(value(parameters, "max_chunk_size").orElse("0"));
        SynchroSettings settings = SynchroSettings.from(parameters::get);

        try (SourceLock lock = SourceLock.acquire(context.database().jdbi(), source.id(), settings.lockWait(),
                context.user().login())) {
            var handle = lock.handle();
            handle.begin();
            LocalDateTime loadStart = SynchroRun.now(handle);
            if (mode.equals("details")) {
                write(body, SynchroReport.RULE + "\n# Import phase\n" + SynchroReport.RULE + "\n");
            }
            FeedLoader loader = new FeedLoader(handle, context.schema(), source, prepass.header, dateFormat, noStop,
                    line -> {
                        if (mode.equals("details") || mode.equals("summary") && line.inSummary()) {
                            writeUnchecked(body, line.text() + "\n");
                        }
                    },
                    mode.equals("details"),
                    () -> {
                        if (!simulate) {
                            handle.commit();
                            handle.begin();
                        }
                    });
            FeedLoader.LoadResult result;
            try (Reader reader = new StrictDecodingReader(input.open(), prepass.charset)) {
                CsvRowReader rows = new CsvRowReader(reader, separator.codePointAt(0),
                        qualifier.isEmpty() ? CsvRowReader.NONE : qualifier.codePointAt(0));
                rows.nextRow();
                result = loader.load(rows);
            }
            if (result.stopError().isPresent()) {
                write(body, result.stopError().get() + "\n");
                if (simulate) {
                    handle.rollback();
                } else {
                    handle.commit();
                }
                return ServiceResult.of(ExitCodes.FAILURE, result.issues());
            }
            if (!mode.equals("retcode")) {
                StringBuilder summary = new StringBuilder();
                summary.append(SynchroReport.RULE).append("\n# Import phase summary\n").append(SynchroReport.RULE).append('\n');
                summary.append("#Data Source: ").append(source.id()).append('\n');
                summary.append("#Synchronize: ").append(synchronize ? 1 : 0).append('\n');
                summary.append("#Class: ").append(source.scopeClass()).append('\n');
                summary.append("#Separator: ").append(separator).append('\n');
                summary.append("#Qualifier: ").append(qualifier).append('\n');
                summary.append("#Charset Encoding:").append(charsetName.orElse(prepass.charset.name())).append('\n');
                summary.append("#Date and time format: '").append(dateFormat).append("' ")
                        .append(appliedTo(loader.dateColumns(false))).append('\n');
                summary.append("#Date only format: '").append(io.github.itopdata.core.imports.internal.PhpDateFormat
                        .datePart(dateFormat)).append("' ").append(appliedTo(loader.dateColumns(true))).append('\n');
                summary.append("#Data Size: ").append(input.size()).append('\n');
                summary.append("#Data Lines: ").append(result.dataLines()).append('\n');
                summary.append("#Columns: ").append(String.join(", ", prepass.header)).append('\n');
                summary.append("#Output format: ").append(mode).append('\n');
                summary.append("#Simulate: ").append(simulate ? 1 : 0).append('\n');
                summary.append("#Change tracking comment: ").append(comment).append('\n');
                summary.append("#Issues (before synchro): ").append(result.issues()).append('\n');
                summary.append("#Created (before synchro): ").append(result.created()).append('\n');
                summary.append("#Updated (before synchro): ").append(result.updated()).append('\n');
                write(body, summary.toString());
            }

            int exitCode = ExitCodes.OK;
            long objectErrors = 0;
            if (synchronize) {
                if (!simulate) {
                    handle.commit();
                }
                SynchroLog log = new SynchroRun(context.schema(), settings).run(lock, source,
                        new RunRequest(context.user(), Optional.of(loadStart), chunk, simulate, comment));
                new SynchroNotifier(context.database(), context.schema(), context.clock()).notifyRun(source, log,
                        simulate);
                StringBuilder text = new StringBuilder();
                if (mode.equals("details")) {
                    text.append(SynchroReport.RULE).append("\n# Synchronization phase\n").append(SynchroReport.RULE)
                            .append('\n');
                    if (log.traces().isEmpty()) {
                        text.append("# No traces. (To activate the traces set \"synchro_trace\" => true in the"
                                + " configuration file)\n");
                    }
                    log.traces().forEach(trace -> text.append('#').append(trace).append('\n'));
                }
                if (log.status().equals("error")) {
                    text.append("ERROR: ").append(log.lastError()).append('\n');
                }
                text.append(SynchroReport.RULE).append("\n# Synchronization phase summary\n").append(SynchroReport.RULE)
                        .append('\n');
                for (String line : SynchroReport.counterLines(log, "#")) {
                    text.append(line).append('\n');
                }
                write(body, text.toString());
                exitCode = SynchroReport.exitCodeOf(log);
                objectErrors = log.errorTotal();
            }
            if (mode.equals("retcode")) {
                write(body, result.issues() + (context.frontEnd() == FrontEnd.HTTP ? "\n" : ""));
            }
            if (simulate) {
                handle.rollback();
            } else if (handle.isInTransaction()) {
                handle.commit();
            }
            if (exitCode == ExitCodes.OK && value(parameters, "exit_code").orElse("").equals("issues")
                    && result.issues() + objectErrors > 0) {
                exitCode = ExitCodes.ROW_ISSUES;
            }
            return ServiceResult.of(exitCode, result.issues() + objectErrors);
        }
    }

    /** Tells whether a user may load and run a source: an administrator, or its user with synchro rights. */
    static boolean mayUse(User user, DataSource source) {
        if (user.isAdministrator()) {
            return true;
        }
        return source.userId().isPresent() && source.userId().get() == user.id()
                && RightsChecker.allows(user, ServiceRight.SYNCHRO_LOAD)
                && !RightsChecker.isAdministrationClass(source.scopeClass());
    }

    private static String appliedTo(List<String> columns) {
        return columns.isEmpty() ? "" : ", applied to columns [" + String.join(", ", columns) + "]";
    }

    /** Returns the date format in PHP letters: the default when empty, strftime placeholders converted. */
    static String dateFormat(String given) {
        if (given.isEmpty()) {
            return DEFAULT_DATE_FORMAT;
        }
        if (!given.contains("%")) {
            return given;
        }
        return given.replace("%Y", "Y").replace("%y", "y").replace("%m", "m").replace("%d", "d")
                .replace("%H", "H").replace("%M", "i").replace("%S", "s").replace("%I", "h").replace("%p", "A");
    }

    private static int parseChunk(String text) {
        return text.matches("[0-9]{1,9}") ? Integer.parseInt(text) : 0;
    }

    private static Optional<String> value(Parameters parameters, String name) {
        return parameters.get(name).map(String::strip);
    }

    private ServiceResult usageError(OutputStream body, String missing, FrontEnd frontEnd) throws IOException {
        write(body, "ERROR: Missing argument '" + missing + "'\n\n" + usage(frontEnd));
        return ServiceResult.of(ExitCodes.USAGE);
    }

    private static ServiceResult stop(OutputStream body, String line, int exitCode) throws IOException {
        write(body, line + "\n");
        return ServiceResult.of(exitCode);
    }

    /** Findings of a first reading of the data: the charset, the header, an invalid byte sequence. */
    private static final class Prepass {
        Charset charset;
        List<String> header = List.of();
        String invalidData;
    }

    private static Prepass prepass(ImportInput input, Charset requested, String separator, String qualifier)
            throws IOException {
        Prepass prepass = new Prepass();
        prepass.charset = requested == null ? StandardCharsets.UTF_8 : requested;
        try {
            readHeader(input, prepass, separator, qualifier, true);
        } catch (StrictDecodingReader.InvalidInputDataException e) {
            if (requested != null) {
                prepass.invalidData = "Invalid " + requested.name() + " data at line " + e.line() + " (byte offset "
                        + e.byteOffset() + ")";
                return prepass;
            }
            prepass.charset = StandardCharsets.ISO_8859_1;
            readHeader(input, prepass, separator, qualifier, false);
        }
        return prepass;
    }

    private static void readHeader(ImportInput input, Prepass prepass, String separator, String qualifier,
            boolean checkAll) throws IOException {
        try (Reader reader = new StrictDecodingReader(input.open(), prepass.charset)) {
            CsvRowReader rows = new CsvRowReader(reader, separator.codePointAt(0),
                    qualifier.isEmpty() ? CsvRowReader.NONE : qualifier.codePointAt(0));
            List<String> header = rows.nextRow();
            prepass.header = header == null ? List.of("") : header.stream().map(c -> c == null ? "<NULL>" : c).toList();
            if (checkAll) {
                char[] buffer = new char[64 * 1024];
                while (reader.read(buffer) >= 0) {
                    // Reads to the end only to find invalid bytes before anything is loaded.
                }
            }
        }
    }

    private static void write(OutputStream body, String text) throws IOException {
        body.write(text.getBytes(StandardCharsets.UTF_8));
        body.flush();
    }

    private static void writeUnchecked(OutputStream body, String text) {
        try {
            write(body, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
