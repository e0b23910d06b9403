package io.github.itopdata.cli;

import io.github.itopdata.core.service.ExitCodes;
import io.github.itopdata.core.config.ItopConfig;
import io.github.itopdata.core.model.LoadedModel;
import io.github.itopdata.core.setup.DatabaseStatus;
import io.github.itopdata.core.store.SchemaMapping;
import io.github.itopdata.paramfile.Parameters;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code itop status}: shows where the database is, whether it is set up, and its objects by class. */
public final class StatusCommand implements Command {

    @Override
    public String name() {
        return "status";
    }

    @Override
    public String summary() {
        return "Show the database, its users and the number of objects of each class";
    }

    @Override
    public String usage() {
        return String.join("\n", List.of(
                "USAGE:",
                "itop status [settings]",
                "",
                "Prints where the database is, whether setup ran and matches the configured model, the",
                "number of users, and the number of objects of each class that has some. Changes nothing.",
                "",
                String.join("\n", DatabaseCommands.SETTINGS_HELP),
                "")) + "\n";
    }

    @Override
    public Set<String> knownParameters() {
        Set<String> known = new HashSet<>(ItopConfig.SETTINGS);
        known.add("verbose");
        return known;
    }

    @Override
    public int run(CommandContext context, Parameters parameters) throws IOException {
        ItopConfig config = ItopConfig.of(parameters, context.environment(), context.workingDirectory());
        LoadedModel model = DatabaseCommands.loadModel(config, context);
        SchemaMapping mapping = SchemaMapping.of(model.model());
        return DatabaseCommands.withDatabase(config, context, database -> {
            DatabaseStatus status = DatabaseStatus.read(database, mapping);
            DatabaseCommands.writeLines(context.stdout(), status.lines());
            return ExitCodes.OK;
        });
    }
}
