package io.github.itopdata.cli;

import io.github.itopdata.core.service.ExitCodes;
import io.github.itopdata.core.config.ItopConfig;
import io.github.itopdata.core.db.DataDirectoryLockedException;
import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.model.LoadedModel;
import io.github.itopdata.core.model.ModelWarning;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Helpers shared by the setup and status commands: opening the configured database and loading the model. */
final class DatabaseCommands {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseCommands.class);

    /** The settings of {@link ItopConfig}, accepted as arguments by every command that opens the database. */
    static final List<String> SETTINGS_HELP = List.of(
            "  --data_dir=DIR            data directory of the embedded PostgreSQL",
            "                            (default $XDG_DATA_HOME/itop or ~/.local/share/itop)",
            "  --db_url=URL              external PostgreSQL as a JDBC URL; nothing embedded starts",
            "  --db_user=NAME            user for db_url (default postgres)",
            "  --db_password=PASSWORD    password for db_url",
            "  --data_dir_lock_wait=S    seconds to wait for another command using the data directory (default 60)",
            "  --model_files=F1,F2       iTop design XML files added to the default model",
            "Each setting may also come from itop.conf or an ITOP_<NAME> environment variable.");

    private DatabaseCommands() {
    }

    /** Work done with the database open. */
    interface DatabaseWork {
        int run(Database database) throws IOException;
    }

    /**
     * Opens the configured database, runs the work and closes the database. A data directory held
     * by another command for longer than the lock wait prints {@code ERROR: <message>} and exits 1.
     */
    static int withDatabase(ItopConfig config, CommandContext context, DatabaseWork work) throws IOException {
        LOG.info("Configuration:\n{}", config.describe());
        Database database;
        try {
            database = Database.open(config.databaseSettings());
        } catch (DataDirectoryLockedException e) {
            write(context.stdout(), "ERROR: " + e.getMessage() + "\n");
            return ExitCodes.FAILURE;
        }
        try (database) {
            return work.run(database);
        }
    }

    /** Loads the configured model, printing each warning about skipped content on standard error. */
    static LoadedModel loadModel(ItopConfig config, CommandContext context) {
        LoadedModel model = config.loadModel();
        for (ModelWarning warning : model.warnings()) {
            context.stderr().println("WARNING: " + warning);
        }
        return model;
    }

    static void write(OutputStream stdout, String text) throws IOException {
        stdout.write(text.getBytes(StandardCharsets.UTF_8));
    }

    static void writeLines(OutputStream stdout, List<String> lines) throws IOException {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append('\n'));
        write(stdout, text.toString());
    }
}
