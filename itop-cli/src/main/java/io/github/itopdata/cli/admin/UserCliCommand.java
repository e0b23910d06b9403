package io.github.itopdata.cli.admin;

import io.github.itopdata.cli.Command;
import io.github.itopdata.cli.CommandContext;
import io.github.itopdata.core.db.Database;
import io.github.itopdata.http.commands.UserCommand;
import io.github.itopdata.paramfile.Parameters;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/** {@code itop user}: creates users, sets passwords, grants and revokes profiles. */
public final class UserCliCommand implements Command {

    @Override
    public String name() {
        return "user";
    }

    @Override
    public String summary() {
        return "Create users, set passwords, grant and revoke profiles";
    }

    @Override
    public String usage() {
        return UserCommand.USAGE;
    }

    @Override
    public Set<String> knownParameters() {
        Set<String> names = new HashSet<>(UserCommand.PARAMETERS);
        names.addAll(DatabaseOpener.PARAMETERS);
        return names;
    }

    @Override
    public int run(CommandContext context, Parameters parameters) {
        try (Database database = DatabaseOpener.open(context, parameters)) {
            PrintStream out = new PrintStream(context.stdout(), true, StandardCharsets.UTF_8);
            return new UserCommand(database).run(parameters, context.stdin(), out, context.stderr());
        }
    }
}
