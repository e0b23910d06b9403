package io.github.itopdata.cli.admin;

import io.github.itopdata.cli.Command;
import io.github.itopdata.cli.CommandContext;
import io.github.itopdata.core.db.Database;
import io.github.itopdata.http.commands.TokenCommand;
import io.github.itopdata.paramfile.Parameters;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/** {@code itop token}: creates, lists and revokes personal API tokens. */
public final class TokenCliCommand implements Command {

    @Override
    public String name() {
        return "token";
    }

    @Override
    public String summary() {
        return "Create, list and revoke personal API tokens";
    }

    @Override
    public String usage() {
        return TokenCommand.USAGE;
    }

    @Override
    public Set<String> knownParameters() {
        Set<String> names = new HashSet<>(TokenCommand.PARAMETERS);
        names.addAll(DatabaseOpener.PARAMETERS);
        return names;
    }

    @Override
    public int run(CommandContext context, Parameters parameters) {
        try (Database database = DatabaseOpener.open(context, parameters)) {
            PrintStream out = new PrintStream(context.stdout(), true, StandardCharsets.UTF_8);
            return new TokenCommand(database).run(parameters, out, context.stderr());
        }
    }
}
