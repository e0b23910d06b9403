package io.github.itopdata.cli;

import io.github.itopdata.core.service.ExitCodes;
import io.github.itopdata.paramfile.Arguments;
import io.github.itopdata.paramfile.InvalidParameterException;
import io.github.itopdata.paramfile.MalformedArgument;
import io.github.itopdata.paramfile.ParamFileException;
import io.github.itopdata.paramfile.ParamFileParser;
import io.github.itopdata.paramfile.ParamFileWarning;
import io.github.itopdata.paramfile.ParamFiles;
import io.github.itopdata.paramfile.Parameters;
import io.github.itopdata.paramfile.ParsedParamFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code itop} command line: {@code itop [-q] <command> [--name=value ...]}.
 *
 * <p>For every command, in this order:
 * <ol>
 *   <li>{@code --help} or {@code -h} prints the command's usage text on standard output, exit 0.</li>
 *   <li>A malformed token prints {@code ERROR: Malformed argument ...}, an empty line and the
 *       usage text on standard output, exit 2.</li>
 *   <li>The configuration file is read: {@code --config=FILE}, else {@code itop.conf} in the
 *       working directory, else the file named by {@code ITOP_CONF}, else none.</li>
 *   <li>The {@code --param_file} files are read. A file that cannot be used prints
 *       {@code Error: <message>} on standard output, exit 254.</li>
 *   <li>Parameters are merged: configuration file &lt; {@code ITOP_<NAME>} environment variables
 *       &lt; parameters files &lt; arguments. Warnings about ignored lines, open permissions,
 *       unknown arguments and, with {@code --verbose}, redefined keys go to standard error.</li>
 *   <li>The command runs and its return value is the exit status.</li>
 * </ol>
 * Standard output carries only command output; everything else goes to standard error.
 */
public final class Launcher {

    private static final Logger LOG = LoggerFactory.getLogger(Launcher.class);

    /** The configuration file looked for in the working directory. */
    public static final String CONFIG_FILE_NAME = "itop.conf";

    /** The environment variable naming the configuration file when the working directory has none. */
    public static final String CONFIG_VARIABLE = "ITOP_CONF";

    /** Parameters that every command accepts because the launcher reads them itself. */
    public static final Set<String> LAUNCHER_PARAMETERS = Set.of("param_file", "config", "auth_pwd_env");

    /** Tokens of the PHP interpreter's command line that may precede the command: {@code php -q -f import.php --}. */
    private static final Set<String> IGNORED_LEADING_TOKENS = Set.of("-q", "-f", "--");

    private final CommandRegistry registry;
    private final OutputStream stdout;
    private final PrintStream stderr;
    private final InputStream stdin;
    private final Path workingDirectory;
    private final Map<String, String> environment;

    public Launcher(CommandRegistry registry, OutputStream stdout, PrintStream stderr, InputStream stdin,
                    Path workingDirectory, Map<String, String> environment) {
        this.registry = registry;
        this.stdout = stdout;
        this.stderr = stderr;
        this.stdin = stdin;
        this.workingDirectory = workingDirectory;
        this.environment = Map.copyOf(environment);
    }

    /**
     * Runs the command line and returns the exit status. Standard output is flushed before
     * returning.
     */
    public int run(List<String> argv) {
        try {
            return dispatch(argv);
        } finally {
            try {
                stdout.flush();
            } catch (IOException e) {
                stderr.println("ERROR: Could not write to standard output: " + e.getMessage());
            }
            stderr.flush();
        }
    }

    private int dispatch(List<String> argv) {
        String launcherConfig = null;
        int index = 0;
        while (index < argv.size()) {
            String token = argv.get(index);
            if (IGNORED_LEADING_TOKENS.contains(token)) {
                index++;
            } else if (token.startsWith("--config=")) {
                launcherConfig = token.substring("--config=".length());
                index++;
            } else if (token.equals("--help") || token.equals("-h") || token.equals("help")) {
                writeOut(generalUsage());
                return ExitCodes.OK;
            } else if (token.startsWith("-")) {
                stderr.println("ERROR: Unknown option '" + shownToken(token) + "' before the command name");
                stderr.print(generalUsage());
                return ExitCodes.USAGE;
            } else {
                break;
            }
        }
        if (index == argv.size()) {
            stderr.println("ERROR: Missing command");
            stderr.print(generalUsage());
            return ExitCodes.USAGE;
        }

        String word = argv.get(index);
        Optional<Command> command = registry.find(word);
        if (command.isEmpty()) {
            stderr.println("ERROR: Unknown command '" + word + "'");
            stderr.print(generalUsage());
            return ExitCodes.USAGE;
        }
        return runCommand(command.get(), argv.subList(index + 1, argv.size()), launcherConfig);
    }

    private int runCommand(Command command, List<String> tokens, String launcherConfig) {
        Arguments arguments = Arguments.parse(tokens);
        if (arguments.helpRequested()) {
            writeOut(command.usage());
            return ExitCodes.OK;
        }
        Optional<MalformedArgument> malformed = arguments.firstMalformed();
        if (malformed.isPresent()) {
            writeOut("ERROR: " + malformed.get().message() + "\n\n" + command.usage());
            return MalformedArgument.EXIT_CODE;
        }

        Parameters parameters;
        try {
            parameters = mergeParameters(command, arguments, arguments.last("config").orElse(launcherConfig));
        } catch (ParamFileException e) {
            writeOut("Error: " + e.getMessage() + "\n");
            return e.exitCode();
        } catch (InvalidParameterException e) {
            writeOut("ERROR: " + e.getMessage() + "\n\n" + command.usage());
            return e.exitCode();
        }
        LOG.debug("Running command {} with {}", command.name(), parameters);

        CommandContext context = new CommandContext(stdout, stderr, stdin, workingDirectory, environment);
        try {
            return command.run(context, parameters);
        } catch (InvalidParameterException e) {
            writeOut("ERROR: " + e.getMessage() + "\n\n" + command.usage());
            return e.exitCode();
        } catch (IOException | RuntimeException e) {
            LOG.error("Command {} failed", command.name(), e);
            writeOut("ERROR: " + describe(e) + " (details on standard error)\n");
            return ExitCodes.FAILURE;
        } catch (OutOfMemoryError e) {
            // The command's objects are unreachable once its frames are gone, so there is memory to report with.
            // What it had not committed was rolled back when its connections closed on the way out.
            LOG.error("Command {} ran out of memory", command.name(), e);
            writeOut("ERROR: " + outOfMemoryMessage(command.name(), Runtime.getRuntime().maxMemory())
                    + " (details on standard error)\n");
            return ExitCodes.FAILURE;
        }
    }

    /**
     * Builds the message for a command that exhausted the Java heap. It gives the current limit and
     * the variable of {@code bin/itop} that raises it, suggesting the power of two at or above twice
     * the current limit.
     */
    static String outOfMemoryMessage(String commandName, long maxHeapBytes) {
        long limitMiB = Math.max(1, maxHeapBytes / (1024 * 1024));
        long suggestedMiB = Long.highestOneBit(2 * limitMiB - 1) << 1;
        return "Out of memory: " + commandName + " needed more than the Java heap limit of " + limitMiB
                + " MiB; run it again with a larger limit, for example ITOP_JAVA_OPTS=-Xmx" + suggestedMiB
                + "m bin/itop " + commandName + " ...";
    }

    private Parameters mergeParameters(Command command, Arguments arguments, String configPath)
            throws ParamFileException {
        ParsedParamFile config = loadConfigFile(configPath);
        ParamFiles paramFiles = ParamFiles.NONE;
        Optional<String> paramFileList = arguments.last("param_file");
        if (paramFileList.isPresent()) {
            paramFiles = ParamFileParser.forParamFiles().loadAll(paramFileList.get(), workingDirectory);
        }

        Parameters.Builder builder = Parameters.builder();
        if (config != null) {
            builder.file(config);
        }
        Parameters parameters = builder.environment(environment)
                .paramFiles(paramFiles)
                .arguments(arguments)
                .build();

        boolean verbose = parameters.getTruthy("verbose");
        List<ParamFileWarning> warnings = new ArrayList<>();
        if (config != null) {
            warnings.addAll(config.warnings());
        }
        warnings.addAll(paramFiles.warnings());
        for (ParamFileWarning warning : warnings) {
            if (verbose || warning.type() != ParamFileWarning.Type.REDEFINED_KEY) {
                stderr.println(warning.message());
            }
        }

        if (!(command instanceof UnavailableCommand)) {
            Set<String> known = new HashSet<>(command.knownParameters());
            known.addAll(LAUNCHER_PARAMETERS);
            Set<String> prefixes = command.knownParameterPrefixes();
            for (String unknown : parameters.unknownArguments(known)) {
                if (prefixes.stream().noneMatch(unknown::startsWith)) {
                    stderr.println(Arguments.unknownArgumentWarning(unknown));
                }
            }
        }
        return parameters.withPasswordFromEnvironment(environment);
    }

    /** Reads the configuration file: the one named, else {@code ./itop.conf}, else {@code $ITOP_CONF}, else none. */
    private ParsedParamFile loadConfigFile(String configPath) throws ParamFileException {
        ParamFileParser parser = ParamFileParser.forConfigFile();
        if (configPath != null) {
            return parser.load(configPath, workingDirectory);
        }
        if (Files.exists(workingDirectory.resolve(CONFIG_FILE_NAME))) {
            return parser.load(CONFIG_FILE_NAME, workingDirectory);
        }
        String fromEnvironment = environment.get(CONFIG_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return parser.load(fromEnvironment, workingDirectory);
        }
        return null;
    }

    /** Returns the usage text of the launcher itself, listing the commands. */
    String generalUsage() {
        StringBuilder text = new StringBuilder();
        text.append("Usage: itop <command> [--name=value ...]\n\n");
        text.append("Commands:\n");
        for (Command command : registry.commands()) {
            text.append(String.format("  %-16s %s%n", command.name(), command.summary()));
            if (!command.aliases().isEmpty()) {
                text.append(String.format("  %-16s   also: %s%n", "", String.join(", ", command.aliases())));
            }
        }
        text.append("\n");
        text.append("'itop <command> --help' prints the arguments of a command.\n");
        text.append("Arguments may also come from --param_file=FILE[,FILE...] (key = value lines),\n");
        text.append("from ITOP_<NAME> environment variables and from the configuration file:\n");
        text.append("--config=FILE, else ./itop.conf, else the file named by ITOP_CONF.\n");
        return text.toString().replace(System.lineSeparator(), "\n");
    }

    private static String shownToken(String token) {
        int equals = token.indexOf('=');
        return equals < 0 ? token : token.substring(0, equals);
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private void writeOut(String text) {
        try {
            stdout.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write to standard output", e);
        }
    }
}
