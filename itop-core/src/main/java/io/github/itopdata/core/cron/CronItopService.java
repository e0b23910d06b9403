package io.github.itopdata.core.cron;

import io.github.itopdata.core.auth.RightsChecker;
import io.github.itopdata.core.auth.ServiceRight;
import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.service.ExitCodes;
import io.github.itopdata.core.service.FrontEnd;
import io.github.itopdata.core.service.ItopService;
import io.github.itopdata.core.service.ServiceContext;
import io.github.itopdata.core.service.ServiceOutput;
import io.github.itopdata.core.service.ServiceResult;
import io.github.itopdata.paramfile.Parameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The cron service as the front-ends see it: {@code itop cron} and {@code /webservices/cron.php}.
 *
 * <p>The front-end has authenticated the caller; this service requires the {@code Administrator}
 * profile, then prints the task table ({@code status_only}) or runs the loop with the built-in
 * processes. Over HTTP the output is an HTML page with one {@code <p>} per line, streamed as the
 * lines are produced.
 *
 * <p>The no-argument constructor, which {@link java.util.ServiceLoader} uses, reads the settings
 * of each run from the configuration part of its parameters, with the names listed in
 * {@link CronConfiguration}.
 */
public final class CronItopService implements ItopService {

    private static final Set<String> HTTP_PARAMETERS = Set.of("verbose", "debug", "param_file", "status_only");

    /** Fixed settings, or null to read them from the configuration at each run. */
    private final CronSettings settings;
    private final BiFunction<Database, CronSettings, ProcessRegistry> registryFactory;
    private final Sleeper sleeper;

    /**
     * Creates the service with the configured settings and the built-in processes, pausing with
     * {@link Thread#sleep}.
     */
    public CronItopService() {
        this.settings = null;
        this.sleeper = Sleeper.THREAD;
        this.registryFactory = null;
    }

    /**
     * Creates a service with fixed settings, whose registry contains the built-in processes plus
     * the ones {@code registryFactory} adds.
     *
     * @param registryFactory adds the application's processes to the registry of a run, which
     *     already holds the built-in ones; null adds none
     */
    public CronItopService(CronSettings settings, Sleeper sleeper,
            BiFunction<Database, CronSettings, ProcessRegistry> registryFactory) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.registryFactory = registryFactory;
    }

    @Override
    public String name() {
        return "cron";
    }

    @Override
    public List<String> aliases() {
        return List.of("cron.php", "webservices/cron.php");
    }

    @Override
    public String usage(FrontEnd frontEnd) {
        return frontEnd == FrontEnd.HTTP ? CronService.HTTP_USAGE + "\n" : CronService.usageText();
    }

    @Override
    public Set<String> parameterNames(FrontEnd frontEnd) {
        return frontEnd == FrontEnd.HTTP ? HTTP_PARAMETERS : CronRequest.KNOWN_PARAMETERS;
    }

    @Override
    public String wrongCredentialsMessage(String login) {
        return "Access wrong credentials ('" + login + "')";
    }

    @Override
    public ServiceResult run(ServiceContext context, Parameters parameters, ServiceOutput output) throws IOException {
        boolean html = context.frontEnd() == FrontEnd.HTTP;
        if (html) {
            output.contentType("text/html; charset=UTF-8");
        }
        CronSettings runSettings;
        try {
            runSettings = settings != null ? settings : CronConfiguration.read(parameters);
        } catch (IllegalArgumentException e) {
            output.body().write(("ERROR: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
            return ServiceResult.of(ExitCodes.PARAM_FILE);
        }
        CronRequest request = new CronRequest(context.user().login(), Optional.empty(), flag(parameters, "verbose"),
                flag(parameters, "debug"), flag(parameters, "status_only"), html);
        CronAuthenticator rights = new CronAuthenticator() {
            @Override
            public boolean checkCredentials(String login, String password) {
                // The front-end has checked the credentials before calling run.
                return true;
            }

            @Override
            public boolean isAdministrator(String login) {
                return RightsChecker.allows(context.user(), ServiceRight.CRON);
            }
        };
        ProcessRegistry registry = ProcessRegistry.withBuiltIns(context.database(), runSettings, context.clock(),
                context::schema);
        if (registryFactory != null) {
            registryFactory.apply(context.database(), runSettings).processes().forEach(registry::register);
        }
        CronService service = new CronService(context.database(), runSettings, registry, rights, context.clock(),
                sleeper);
        return ServiceResult.of(service.run(request, output.body()));
    }

    /**
     * Reads a flag as iTop does: a value with a character outside {@code [ A-Za-z0-9_=-]} is
     * off, then {@code ""} and {@code "0"} are off and any other value is on.
     */
    private static boolean flag(Parameters parameters, String name) {
        String value = parameters.getFiltered(name, "0");
        return !value.isEmpty() && !value.equals("0");
    }
}
