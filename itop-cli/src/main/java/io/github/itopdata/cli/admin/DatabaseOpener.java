package io.github.itopdata.cli.admin;

import io.github.itopdata.cli.CommandContext;
import io.github.itopdata.core.config.ItopConfig;
import io.github.itopdata.core.db.Database;
import io.github.itopdata.paramfile.Parameters;
import java.util.Set;

/** Opens and migrates the database that the product's settings name ({@link ItopConfig}). */
final class DatabaseOpener {

    static final Set<String> PARAMETERS = Set.copyOf(ItopConfig.SETTINGS);

    private DatabaseOpener() {
    }

    static ItopConfig config(CommandContext context, Parameters parameters) {
        return ItopConfig.of(parameters, context.environment(), context.workingDirectory());
    }

    static Database open(CommandContext context, Parameters parameters) {
        return Database.open(config(context, parameters).databaseSettings()).migrate();
    }
}
