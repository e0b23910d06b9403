package io.github.itopdata.cli;

import io.github.itopdata.core.service.ExitCodes;
import io.github.itopdata.paramfile.Parameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A command for launcher tests, registered through the test class path: prints the merged
 * parameters, and exits or fails as its arguments request.
 *
 * <ul>
 *   <li>{@code --exit_with=N}: returns N.</li>
 *   <li>{@code --fail_with=invalid}: reads {@code k} as an integer, which fails unless it is one.</li>
 *   <li>{@code --fail_with=crash}: throws an unexpected exception whose message contains a password.</li>
 *   <li>{@code --raw_output=1}: writes bytes that are not valid UTF-8 and no final newline.</li>
 * </ul>
 */
public final class EchoParametersCommand implements Command {

    private static final Logger LOG = LoggerFactory.getLogger(EchoParametersCommand.class);

    static final String USAGE = "USAGE:\n\nauth_user = login, mandatory\nk = any value, optional, defaults to []\n";

    @Override
    public String name() {
        return "echo_parameters";
    }

    @Override
    public List<String> aliases() {
        return List.of("echo.php");
    }

    @Override
    public String summary() {
        return "Print the merged parameters (test command)";
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public Set<String> knownParameters() {
        return Set.of("auth_user", "auth_pwd", "verbose", "k", "exit_with", "fail_with", "raw_output");
    }

    @Override
    public Set<String> knownParameterPrefixes() {
        return Set.of("arg_");
    }

    @Override
    public int run(CommandContext context, Parameters parameters) throws IOException {
        context.stderr().println("progress: echo_parameters started");
        if (parameters.isOne("raw_output")) {
            context.stdout().write(new byte[] {'a', (byte) 0xE9, '\r', '\n', 'b'});
            return ExitCodes.OK;
        }
        String failure = parameters.getOrDefault("fail_with", "");
        if (failure.equals("invalid")) {
            parameters.getInt("k", 0);
        }
        if (failure.equals("crash")) {
            LOG.warn("About to fail, auth_pwd={}", parameters.getOrDefault("auth_pwd", ""));
            throw new IllegalStateException("simulated crash");
        }
        context.stdout().write(parameters.describe().getBytes(StandardCharsets.UTF_8));
        return parameters.getInt("exit_with", ExitCodes.OK);
    }
}
