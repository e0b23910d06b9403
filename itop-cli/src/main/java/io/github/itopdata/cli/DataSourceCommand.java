package io.github.itopdata.cli;

import io.github.itopdata.core.config.ItopConfig;
import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.model.LoadedModel;
import io.github.itopdata.core.service.ExitCodes;
import io.github.itopdata.core.store.SchemaMapping;
import io.github.itopdata.core.store.StoreSchema;
import io.github.itopdata.core.synchro.DataSource;
import io.github.itopdata.core.synchro.DataSourceException;
import io.github.itopdata.core.synchro.DataSources;
import io.github.itopdata.paramfile.InvalidParameterException;
import io.github.itopdata.paramfile.Parameters;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code itop datasource}: creates or updates a synchro data source from a definition file
 * ({@code --file=DEF.json}, the JSON that iTop's data collectors send) and prints its id, or
 * lists the data sources ({@code --list}).
 *
 * <p>The database and the model are the configured ones, as for {@code itop setup}; the command
 * migrates the database and grows the schema for the model before it writes.
 *
 * <p>NOTE: the command does not authenticate, so any user who can reach the database through the
 * configuration administers its data sources.
 */
public final class DataSourceCommand implements Command {

    @Override
    public String name() {
        return "datasource";
    }

    @Override
    public String summary() {
        return "Create or update a synchro data source from a JSON definition file, or list the data sources";
    }

    @Override
    public String usage() {
        return "USAGE:\n\n"
                + "itop datasource --file=<definition.json>   create the data source, or update the one with the same"
                + " name; prints its id\n"
                + "itop datasource --list=1                   list the data sources: id;name;scope_class;status;"
                + "database_table_name\n"
                + "itop datasource --repair=1 [--diagnose=1]  bring every data source in line with the model;"
                + " --diagnose=1 only prints what would change\n\n"
                + "file = JSON object of SynchroDataSource field codes with an attribute_list, optional\n"
                + "list = 1 to list the data sources, optional, defaults to [0]\n"
                + "repair = 1 to repair the data sources after a model change, optional, defaults to [0]\n"
                + "diagnose = 1 to print the repairs without making them, optional, defaults to [0]\n"
                + String.join("\n", DatabaseCommands.SETTINGS_HELP) + "\n";
    }

    @Override
    public Set<String> knownParameters() {
        Set<String> known = new HashSet<>(ItopConfig.SETTINGS);
        known.add("file");
        known.add("list");
        known.add("repair");
        known.add("diagnose");
        return known;
    }

    @Override
    public int run(CommandContext context, Parameters parameters) throws IOException {
        if (parameters.get("file").isEmpty() && parameters.get("list").isEmpty() && parameters.get("repair").isEmpty()) {
            throw new InvalidParameterException("file", "Missing argument 'file', 'list' or 'repair'");
        }
        ItopConfig config = ItopConfig.of(parameters, context.environment(), context.workingDirectory());
        LoadedModel model = DatabaseCommands.loadModel(config, context);
        SchemaMapping mapping = SchemaMapping.of(model.model());
        return DatabaseCommands.withDatabase(config, context, database -> {
            database.migrate();
            StoreSchema.apply(database.jdbi(), mapping);
            return run(parameters, database, mapping, context.workingDirectory(), context.stdout(), context.stderr());
        });
    }

    /**
     * Runs the command on an open database: {@code file} defines a source, {@code list} lists
     * them, and {@code repair} brings them in line with the model.
     *
     * @return the exit code: 0, 2 for an invalid definition, 255 for an unreadable file
     */
    public static int run(Parameters parameters, Database database, SchemaMapping mapping, Path workingDirectory,
            OutputStream stdout, PrintStream stderr) throws IOException {
        DataSources sources = new DataSources(database.jdbi(), mapping);
        if (parameters.get("file").isPresent()) {
            Path file = workingDirectory.resolve(parameters.get("file").get().strip());
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                write(stdout, "Input file could not be found or could not be read: '" + file + "'\n");
                return ExitCodes.ACCESS;
            }
            try {
                DataSources.Defined defined = sources.define(Files.readString(file, StandardCharsets.UTF_8));
                defined.warnings().forEach(warning -> stderr.println("Warning: " + warning));
                stderr.println((defined.created() ? "Created" : "Updated") + " data source '"
                        + defined.source().name() + "' with the table " + defined.source().databaseTableName());
                write(stdout, defined.source().id() + "\n");
                return ExitCodes.OK;
            } catch (DataSourceException e) {
                write(stdout, "ERROR: " + e.getMessage() + " (file " + file + ")\n");
                return ExitCodes.USAGE;
            }
        }
        if (parameters.getTruthy("repair")) {
            boolean diagnose = parameters.getTruthy("diagnose");
            List<String> repairs = sources.repair(diagnose);
            StringBuilder text = new StringBuilder();
            repairs.forEach(repair -> text.append(diagnose ? "Would repair: " : "Repaired: ").append(repair).append('\n'));
            if (repairs.isEmpty()) {
                text.append("Every data source is in line with the model\n");
            }
            write(stdout, text.toString());
            return ExitCodes.OK;
        }
        StringBuilder list = new StringBuilder();
        for (DataSource source : sources.list()) {
            list.append(source.id()).append(';').append(source.name()).append(';').append(source.scopeClass())
                    .append(';').append(source.status()).append(';').append(source.databaseTableName()).append('\n');
        }
        write(stdout, list.toString());
        return ExitCodes.OK;
    }

    private static void write(OutputStream stdout, String text) throws IOException {
        stdout.write(text.getBytes(StandardCharsets.UTF_8));
        stdout.flush();
    }
}
