package io.github.itopdata.core.cron;

import io.github.itopdata.core.cron.internal.AsyncTaskStore;
import io.github.itopdata.core.cron.internal.CronOutput;
import io.github.itopdata.core.cron.internal.CronRun;
import io.github.itopdata.core.cron.internal.StatusTable;
import io.github.itopdata.core.cron.internal.TaskStore;
import io.github.itopdata.core.cron.internal.Timestamps;
import io.github.itopdata.core.db.Database;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The cron service ({@code itop cron}, {@code /webservices/cron.php}): checks the caller, then
 * prints the task table ({@code status_only}) or runs the loop of background processes.
 *
 * <p>One loop at a time runs per database, whatever the number of processes and machines: a
 * second one prints {@code Already running...} and exits 0.
 */
public final class CronService {

    /** The run went to its end, found another loop running, or printed the status. */
    public static final int EXIT_OK = CronRun.EXIT_OK;
    /** An unexpected failure stopped the run. */
    public static final int EXIT_FAILURE = CronRun.EXIT_FAILURE;
    /** A mandatory argument is missing. */
    public static final int EXIT_ARGUMENTS = 2;
    /** The run was refused or stopped for maintenance or read-only mode. */
    public static final int EXIT_MAINTENANCE = CronRun.EXIT_MAINTENANCE;
    /** Wrong credentials, or the user is not an administrator. */
    public static final int EXIT_ACCESS_DENIED = 255;

    /** Usage line on the command line, as iTop prints it. */
    public static final String USAGE_LINE = "php cron.php --auth_user=<login> --auth_pwd=<password>"
            + " [--param_file=<file>] [--verbose=1] [--debug=1] [--status_only=1]";
    /** Usage text over HTTP. */
    public static final String HTTP_USAGE = "Optional parameters: verbose, param_file, status_only";

    private final Database database;
    private final CronSettings settings;
    private final ProcessRegistry registry;
    private final CronAuthenticator authenticator;
    private final Clock clock;
    private final Sleeper sleeper;

    /** A service on the real clock, pausing with {@link Thread#sleep}. */
    public CronService(Database database, CronSettings settings, ProcessRegistry registry,
            CronAuthenticator authenticator) {
        this(database, settings, registry, authenticator, Clock.system(settings.timeZone()), Sleeper.THREAD);
    }

    /** A service that reads the time from {@code clock} and pauses through {@code sleeper}. */
    public CronService(Database database, CronSettings settings, ProcessRegistry registry,
            CronAuthenticator authenticator, Clock clock, Sleeper sleeper) {
        this.database = Objects.requireNonNull(database, "database");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * Usage text of the command line: {@code USAGE:}, an empty line, the usage line and an empty
     * line. Printed alone for {@code --help} (exit 0), after the error line for a missing argument.
     */
    public static String usageText() {
        return "USAGE:\n\n" + USAGE_LINE + "\n\n";
    }

    /**
     * Binds command-line parameters and runs; a missing argument prints its error and the usage
     * text and returns {@link #EXIT_ARGUMENTS}.
     */
    public int runCommandLine(Map<String, String> parameters, OutputStream stream) {
        CronRequest request;
        try {
            request = CronRequest.fromCommandLine(parameters);
        } catch (CronArgumentException e) {
            write(stream, e.getMessage() + "\n\n" + usageText());
            return EXIT_ARGUMENTS;
        }
        return run(request, stream);
    }

    /** Runs a bound request, writing its output to {@code stream}, and returns the exit code. */
    public int run(CronRequest request, OutputStream stream) {
        CronOutput output = new CronOutput(stream, request.html());
        try {
            return runChecked(request, output);
        } finally {
            output.finish();
        }
    }

    private int runChecked(CronRequest request, CronOutput output) {
        Optional<Path> readOnlyMarker = settings.dataDirectory().map(directory -> directory.resolve(".readonly"));
        if (readOnlyMarker.isPresent() && Files.exists(readOnlyMarker.get())) {
            output.line("iTop is read-only. Exiting...");
            return EXIT_MAINTENANCE;
        }
        if (request.password().isPresent()
                && !authenticator.checkCredentials(request.login(), request.password().get())) {
            output.line("Access wrong credentials ('" + request.login() + "')");
            return EXIT_ACCESS_DENIED;
        }
        if (!authenticator.isAdministrator(request.login())) {
            output.line("Access restricted to administrators");
            return EXIT_ACCESS_DENIED;
        }

        if (request.statusOnly()) {
            printStatus(output, request.verbose());
            return EXIT_OK;
        }
        return new CronRun(database, settings, registry.processes(), clock, sleeper, output, request.verbose(),
                request.debug(), request.login()).run();
    }

    /**
     * Prints every registry record sorted by name, then the asynchronous tasks in error (nothing
     * when there is none), then, in verbose mode, the task counts per state.
     */
    private void printStatus(CronOutput output, boolean verbose) {
        StatusTable.printFull(output, new TaskStore(database.jdbi()).listByName(), settings.timeZone());
        AsyncTaskStore asyncTasks = new AsyncTaskStore(database.jdbi());
        List<AsyncTaskError> errors = asyncTasks.listErrors();
        if (!errors.isEmpty()) {
            output.line("Async tasks in error: " + errors.size());
            for (AsyncTaskError error : errors) {
                output.line("#" + error.id() + " " + error.taskClass() + " (last attempt "
                        + Timestamps.print(error.lastAttempt(), settings.timeZone()) + "): " + error.lastError());
            }
        }
        if (verbose) {
            Map<String, Integer> counts = asyncTasks.countByStatus();
            output.line("Async tasks: " + counts.getOrDefault("planned", 0) + " planned, "
                    + counts.getOrDefault("running", 0) + " running, " + counts.getOrDefault("error", 0) + " in error");
        }
    }

    private static void write(OutputStream stream, String text) {
        CronOutput.writeRaw(stream, text.getBytes(StandardCharsets.UTF_8));
    }
}
