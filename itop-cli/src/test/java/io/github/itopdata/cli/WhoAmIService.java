package io.github.itopdata.cli;

import io.github.itopdata.core.service.FrontEnd;
import io.github.itopdata.core.service.ItopService;
import io.github.itopdata.core.service.ServiceContext;
import io.github.itopdata.core.service.ServiceOutput;
import io.github.itopdata.core.service.ServiceResult;
import io.github.itopdata.paramfile.Parameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * A service for launcher tests, registered through the test class path: prints the
 * authenticated user and the {@code comment} parameter, warns once, and returns the exit code
 * given by {@code exit_with}.
 */
public final class WhoAmIService implements ItopService {

    static final String USAGE = "USAGE:\n\nauth_user = login, mandatory\nauth_pwd = password, mandatory\n"
            + "comment = any text, optional, defaults to []\n";

    @Override
    public String name() {
        return "whoami";
    }

    @Override
    public List<String> aliases() {
        return List.of("whoami.php", "webservices/whoami.php");
    }

    @Override
    public String usage(FrontEnd frontEnd) {
        return USAGE;
    }

    @Override
    public Set<String> parameterNames(FrontEnd frontEnd) {
        return Set.of("comment", "exit_with");
    }

    @Override
    public ServiceResult run(ServiceContext context, Parameters parameters, ServiceOutput output) throws IOException {
        context.warn("whoami: running for " + context.user().login());
        String text = "user=" + context.user().login() + " profiles=" + context.user().profiles()
                + " comment=" + parameters.getOrDefault("comment", "") + "\n";
        output.body().write(text.getBytes(StandardCharsets.UTF_8));
        return ServiceResult.of(parameters.getInt("exit_with", 0));
    }
}
