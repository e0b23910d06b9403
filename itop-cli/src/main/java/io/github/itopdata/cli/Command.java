package io.github.itopdata.cli;

import io.github.itopdata.core.service.ExitCodes;
import io.github.itopdata.paramfile.Parameters;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * Something {@code itop <name>} runs: a service (import, export, synchronization, cron) or a setup
 * or administration command.
 *
 * <p>The launcher does the common work before {@link #run}: it prints the usage for {@code --help}, rejects
 * malformed tokens, reads {@code itop.conf}, the environment and the {@code --param_file} files,
 * merges them with the arguments, and warns about arguments not in {@link #knownParameters()}.
 * The command only reads the merged {@link Parameters} and writes its output.
 *
 * <p>To add a command, implement this interface with a public no-argument constructor and list the
 * class in {@code META-INF/services/io.github.itopdata.cli.Command}; the launcher finds it with
 * {@link java.util.ServiceLoader}.
 */
public interface Command {

    /** The name typed after {@code itop}, for example {@code import} or {@code setup}. */
    String name();

    /**
     * Other names accepted for this command, for example iTop's page names {@code import.php}.
     * A path is matched by its last element, so {@code /var/www/itop/webservices/import.php}
     * finds the command whose alias is {@code import.php}.
     */
    default List<String> aliases() {
        return List.of();
    }

    /** One line for the list of commands printed by {@code itop --help}. */
    String summary();

    /**
     * The usage text printed by {@code --help} and after an argument error, from {@code USAGE:} on,
     * ending with a newline.
     */
    String usage();

    /**
     * The parameter names this command reads. Other {@code --name=value} arguments are ignored
     * after a warning on standard error; {@code param_file} and {@code config} are always known.
     */
    Set<String> knownParameters();

    /** Returns the prefixes of parameter families the command reads, such as {@code arg_}. None by default. */
    default Set<String> knownParameterPrefixes() {
        return Set.of();
    }

    /**
     * Runs the command and returns its exit status (see {@link ExitCodes}).
     *
     * <p>Throwing {@link io.github.itopdata.paramfile.InvalidParameterException} makes the launcher
     * print {@code ERROR: <message>}, an empty line and the usage text, and exit 2. Any other
     * exception is an unexpected failure: one line on standard output, details on standard error,
     * exit 1.
     */
    int run(CommandContext context, Parameters parameters) throws IOException;
}
