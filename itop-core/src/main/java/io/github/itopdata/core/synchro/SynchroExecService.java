package io.github.itopdata.core.synchro;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code synchro_exec} service ({@code synchro_exec.php}): runs the synchronization of the
 * listed data sources, in the given order, over the rows already in their replica tables.
 *
 * <p>An unknown source id stops the list there (exit 253). When several sources end
 * differently, the exit code is the first of 253, 1, 255, 4 and 3 that applies.
 */
public final class SynchroExecService implements ItopService {

    private static final Logger LOG = LoggerFactory.getLogger(SynchroExecService.class);
    private static final Set<String> PARAMETERS = Set.of("data_sources", "max_chunk_size", "simulate", "exit_code",
            "synchro_lock_wait", "synchro_prevent_delete_all", "synchro_trace");

    @Override
    public String name() {
        return "synchro_exec";
    }

    @Override
    public List<String> aliases() {
        return List.of("synchro_exec.php", "synchro/synchro_exec.php");
    }

    @Override
    public String usage(FrontEnd frontEnd) {
        return "USAGE:\n\nphp -q synchro_exec.php --auth_user=<login> --auth_pwd=<password>"
                + " --data_sources=<comma_separated_list_of_data_sources>"
                + " [--max_chunk_size=<limit the count of replica loaded in a single pass>]"
                + " [--simulate=<If set to 1, then the synchro will not be executed, but the expected report will be"
                + " produced>]\n\n";
    }

    @Override
    public Set<String> parameterNames(FrontEnd frontEnd) {
        return PARAMETERS;
    }

    @Override
    public ServiceResult run(ServiceContext context, Parameters parameters, ServiceOutput output) throws IOException {
        boolean http = context.frontEnd() == FrontEnd.HTTP;
        if (http) {
            output.contentType("text/plain; charset=utf-8");
        }
        OutputStream body = output.body();
        if (http && parameters.contains("param_file")) {
            write(body, "#Warning: param_file is not accepted over HTTP\n");
        }
        Optional<String> list = parameters.get("data_sources").map(String::strip);
        if (list.isEmpty() || list.get().isEmpty()) {
            if (http) {
                write(body, "The parameter 'data_sources' is mandatory, and must contain a comma separated list of"
                        + " data sources\n");
            } else {
                write(body, (list.isEmpty() ? "ERROR: Missing argument 'data_sources'\n\n" : "") + usage(FrontEnd.CLI));
            }
            return ServiceResult.of(ExitCodes.USAGE);
        }
        boolean simulate = parameters.get("simulate").map(String::strip).orElse("0").equals("1");
        String chunkText = parameters.get("max_chunk_size").map(String::strip).orElse("0");
        int chunk = chunkText.matches("[0-9]{1,9}") ? Integer.parseInt(chunkText) : 0;
        SynchroSettings settings;
        try {
            settings = SynchroSettings.from(parameters::get);
        } catch (IllegalArgumentException e) {
            write(body, "ERROR: " + e.getMessage() + "\n");
            return ServiceResult.of(ExitCodes.USAGE);
        }
        DataSources sources = new DataSources(context.database().jdbi(), context.schema());

        List<Integer> codes = new ArrayList<>();
        long errors = 0;
        for (String item : list.get().split(",")) {
            String id = item.strip();
            if (id.isEmpty()) {
                continue;
            }
            Optional<DataSource> source = id.matches("[0-9]{1,18}") ? sources.find(Long.parseLong(id)) : Optional.empty();
            if (source.isEmpty()) {
                write(body, "ERROR: The data source (id=" + id + ") does not exist. Exiting...\n");
                codes.add(ExitCodes.UNKNOWN_DATA_SOURCE);
                break;
            }
            write(body, "Working on " + source.get().name() + " (id=" + source.get().id() + ")...\n");
            SynchroLog log = runOne(context, source.get(), settings, chunk, simulate);
            new SynchroNotifier(context.database(), context.schema(), context.clock()).notifyRun(source.get(), log,
                    simulate);
            StringBuilder text = new StringBuilder();
            log.traces().forEach(trace -> text.append('#').append(trace).append('\n'));
            if (log.status().equals("error")) {
                text.append("ERROR: ").append(log.lastError()).append('\n');
            }
            for (String line : SynchroReport.counterLines(log, "")) {
                text.append(line).append('\n');
            }
            write(body, text.toString());
            codes.add(SynchroReport.exitCodeOf(log));
            errors += log.errorTotal();
        }
        for (int code : List.of(ExitCodes.UNKNOWN_DATA_SOURCE, ExitCodes.FAILURE, ExitCodes.ACCESS,
                ExitCodes.SAFETY_STOP)) {
            if (codes.contains(code)) {
                return ServiceResult.of(code, errors);
            }
        }
        boolean issues = parameters.get("exit_code").map(String::strip).orElse("").equals("issues") && errors > 0;
        return ServiceResult.of(issues ? ExitCodes.ROW_ISSUES : ExitCodes.OK, errors);
    }

    private static SynchroLog runOne(ServiceContext context, DataSource source, SynchroSettings settings, int chunk,
            boolean simulate) {
        try (SourceLock lock = SourceLock.acquire(context.database().jdbi(), source.id(), settings.lockWait(),
                context.user().login())) {
            if (simulate) {
                lock.handle().begin();
            }
            SynchroLog log = new SynchroRun(context.schema(), settings).run(lock, source,
                    new RunRequest(context.user(), Optional.empty(), chunk, simulate, ""));
            if (simulate) {
                lock.handle().rollback();
            }
            return log;
        } catch (SourceLockedException e) {
            SynchroLog log = new SynchroLog();
            log.fail(SynchroLog.Failure.SAFETY, e.getMessage());
            return log;
        } catch (RuntimeException e) {
            LOG.error("Synchronization of data source {} failed", source.id(), e);
            SynchroLog log = new SynchroLog();
            log.fail(SynchroLog.Failure.RUN, e.getMessage() == null ? e.toString() : e.getMessage());
            return log;
        }
    }

    private static void write(OutputStream body, String text) throws IOException {
        body.write(text.getBytes(StandardCharsets.UTF_8));
        body.flush();
    }
}
