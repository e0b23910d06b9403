package io.github.itopdata.cli;

import io.github.itopdata.core.service.ExitCodes;
import io.github.itopdata.paramfile.Parameters;
import java.util.List;
import java.util.Set;

/**
 * Stands for a service whose engine is not part of this build yet, so that its name and iTop
 * aliases are recognised and the user learns why nothing happens. Running it exits 1.
 */
final class UnavailableCommand implements Command {

    private final String name;
    private final List<String> aliases;
    private final String summary;

    UnavailableCommand(String name, List<String> aliases, String summary) {
        this.name = name;
        this.aliases = List.copyOf(aliases);
        this.summary = summary;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> aliases() {
        return aliases;
    }

    /** Returns the summary without the "not available" remark. */
    String summaryText() {
        return summary;
    }

    @Override
    public String summary() {
        return summary + " (not available in this build yet)";
    }

    @Override
    public String usage() {
        return "USAGE:\n\nThe " + name + " service is not available in this build yet.\n";
    }

    @Override
    public Set<String> knownParameters() {
        return Set.of();
    }

    @Override
    public int run(CommandContext context, Parameters parameters) {
        context.stderr().println("ERROR: The " + name + " service is not available in this build yet;"
                + " no work was done.");
        return ExitCodes.FAILURE;
    }
}
