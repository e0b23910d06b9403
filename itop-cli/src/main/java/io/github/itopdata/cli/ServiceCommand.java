package io.github.itopdata.cli;

import io.github.itopdata.core.auth.Authenticator;
import io.github.itopdata.core.auth.LoginResult;
import io.github.itopdata.core.auth.Users;
import io.github.itopdata.core.config.ItopConfig;
import io.github.itopdata.core.service.ExitCodes;
import io.github.itopdata.core.service.FrontEnd;
import io.github.itopdata.core.service.ItopService;
import io.github.itopdata.core.service.ServiceContext;
import io.github.itopdata.core.service.ServiceOutput;
import io.github.itopdata.core.service.ServiceResult;
import io.github.itopdata.core.store.SchemaMapping;
import io.github.itopdata.core.store.StoreSchema;
import io.github.itopdata.paramfile.ParameterOrigin;
import io.github.itopdata.paramfile.ParameterValues;
import io.github.itopdata.paramfile.Parameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs an {@link ItopService} from the command line: checks that {@code auth_user} and
 * {@code auth_pwd} are given, opens the database, checks the credentials against the product's
 * users, then runs the service with its output on standard output.
 *
 * <p>Missing credentials print the service's missing-argument line, an empty line and its usage
 * (exit 2); wrong credentials print the service's wrong-credentials line (exit 255).
 */
final class ServiceCommand implements Command {

    /** The address under which failed command-line logins are counted. */
    static final String CLI_ADDRESS = "cli";

    private final ItopService service;
    private final String summary;

    ServiceCommand(ItopService service, String summary) {
        this.service = service;
        this.summary = summary;
    }

    @Override
    public String name() {
        return service.name();
    }

    @Override
    public List<String> aliases() {
        return service.aliases();
    }

    @Override
    public String summary() {
        return summary;
    }

    @Override
    public String usage() {
        return service.usage(FrontEnd.CLI);
    }

    @Override
    public Set<String> knownParameters() {
        Set<String> names = new HashSet<>(service.parameterNames(FrontEnd.CLI));
        names.addAll(ItopConfig.SETTINGS);
        names.add("auth_user");
        names.add("auth_pwd");
        return names;
    }

    @Override
    public Set<String> knownParameterPrefixes() {
        return service.parameterPrefixes(FrontEnd.CLI);
    }

    @Override
    public int run(CommandContext context, Parameters parameters) throws IOException {
        Optional<String> user = credential(parameters, "auth_user");
        Optional<String> password = credential(parameters, "auth_pwd");
        Optional<String> missing = user.isEmpty() ? Optional.of("auth_user")
                : password.isEmpty() ? Optional.of("auth_pwd") : Optional.empty();
        if (missing.isPresent()) {
            write(context, service.missingCredentialMessage(missing.get()) + "\n\n" + usage());
            return ExitCodes.USAGE;
        }

        ItopConfig config = ItopConfig.of(parameters, context.environment(), context.workingDirectory());
        return DatabaseCommands.withDatabase(config, context, database -> {
            database.migrate();
            LoginResult login = new Authenticator(database).checkPassword(user.get(), password.get(), CLI_ADDRESS);
            if (!login.succeeded()) {
                write(context, service.wrongCredentialsMessage(user.get()) + "\n");
                if (new Users(database).list().isEmpty()) {
                    context.stderr().println("Hint: the database (" + database.settings()
                            + ") has no user yet; run 'itop setup --admin_user=<login> --admin_pwd=<password>'"
                            + " with the same settings first.");
                }
                return ExitCodes.ACCESS;
            }

            SchemaMapping schema = SchemaMapping.of(DatabaseCommands.loadModel(config, context).model());
            StoreSchema.apply(database.jdbi(), schema);
            ServiceContext serviceContext = new ServiceContext(FrontEnd.CLI, database, schema, login.user().get(),
                    context.stderr()::println, Clock.systemDefaultZone());
            ServiceResult outcome = service.run(serviceContext, parameters, ServiceOutput.of(context.stdout()));
            return outcome.exitCode();
        });
    }

    /**
     * Returns a credential, trimmed as iTop trims mandatory arguments, except a password read
     * from the variable named by {@code auth_pwd_env}, whose blanks are meant.
     */
    private static Optional<String> credential(Parameters parameters, String name) {
        return parameters.find(name).map(parameter ->
                parameter.origin().kind() == ParameterOrigin.Kind.ENVIRONMENT
                        ? parameter.value()
                        : ParameterValues.trim(parameter.value()));
    }

    private static void write(CommandContext context, String text) throws IOException {
        context.stdout().write(text.getBytes(StandardCharsets.UTF_8));
    }
}
