package io.github.itopdata.cli;

import io.github.itopdata.core.service.ExitCodes;
import io.github.itopdata.core.config.ItopConfig;
import io.github.itopdata.core.model.LoadedModel;
import io.github.itopdata.core.setup.Setup;
import io.github.itopdata.paramfile.InvalidParameterException;
import io.github.itopdata.paramfile.MissingParameterException;
import io.github.itopdata.paramfile.Parameters;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code itop setup}: creates or migrates the product's tables for the configured model and
 * creates the first administrator.
 */
public final class SetupCommand implements Command {

    static final String ADMIN_USER = "admin_user";
    static final String ADMIN_PWD = "admin_pwd";

    @Override
    public String name() {
        return "setup";
    }

    @Override
    public String summary() {
        return "Create or migrate the database for the configured model; create the first administrator";
    }

    @Override
    public String usage() {
        return String.join("\n", List.of(
                "USAGE:",
                "itop setup [--admin_user=LOGIN --admin_pwd=PASSWORD] [settings]",
                "",
                "Creates the internal tables and the object tables of the model (the default model plus",
                "model_files), or migrates them in place when the model grew. Running it again is safe.",
                "",
                "  --admin_user=LOGIN        login of the administrator to create if it does not exist",
                "  --admin_pwd=PASSWORD      its password; better given in a --param_file than on the command line",
                "  --param_file=FILE         read arguments from key = value lines",
                "  --verbose=1               list every table, column and index created or changed",
                String.join("\n", DatabaseCommands.SETTINGS_HELP),
                "")) + "\n";
    }

    @Override
    public Set<String> knownParameters() {
        Set<String> known = new HashSet<>(ItopConfig.SETTINGS);
        known.add(ADMIN_USER);
        known.add(ADMIN_PWD);
        known.add("verbose");
        return known;
    }

    @Override
    public int run(CommandContext context, Parameters parameters) throws IOException {
        Optional<Setup.Administrator> administrator = administrator(parameters);
        ItopConfig config = ItopConfig.of(parameters, context.environment(), context.workingDirectory());
        LoadedModel model = DatabaseCommands.loadModel(config, context);
        return DatabaseCommands.withDatabase(config, context, database -> {
            Setup.Report report = Setup.run(database, model, administrator);
            DatabaseCommands.write(context.stdout(), "Database: " + database.settings() + "\n");
            DatabaseCommands.writeLines(context.stdout(), report.lines(parameters.getTruthy("verbose")));
            return ExitCodes.OK;
        });
    }

    private static Optional<Setup.Administrator> administrator(Parameters parameters) {
        Optional<String> login = parameters.get(ADMIN_USER).map(String::strip);
        Optional<String> password = parameters.get(ADMIN_PWD);
        if (login.isEmpty() && password.isEmpty()) {
            return Optional.empty();
        }
        if (login.isEmpty()) {
            throw new MissingParameterException(ADMIN_USER);
        }
        if (password.isEmpty()) {
            throw new MissingParameterException(ADMIN_PWD);
        }
        if (login.get().isEmpty()) {
            throw new InvalidParameterException(ADMIN_USER, "The administrator login (admin_user) must not be empty");
        }
        if (password.get().isEmpty()) {
            throw new InvalidParameterException(ADMIN_PWD, "The administrator password (admin_pwd) must not be empty");
        }
        return Optional.of(new Setup.Administrator(login.get(), password.get()));
    }
}
