package io.github.itopdata.paramfile;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The command-line arguments of one service call, in order.
 *
 * <p>Rules for each token:
 * <ul>
 *   <li>{@code --name=value}: an argument. The value is everything after the first {@code =} and
 *       may be empty or contain {@code =}. Names are case-sensitive. When a name is repeated, the
 *       last occurrence wins.</li>
 *   <li>{@code --help} or {@code -h}: a request for the usage text.</li>
 *   <li>A lone {@code --} and {@code -q}: accepted and ignored, so that a command line written
 *       for {@code php -q script.php} or {@code php -f script.php -- ...} keeps working.</li>
 *   <li>Anything else is malformed; {@link #firstMalformed()} names the first such token.</li>
 * </ul>
 * Parsing never fails: the front-end decides what to do with help requests and malformed tokens
 * (usually: help first, then the malformed-argument error, exit {@link MalformedArgument#EXIT_CODE}).
 */
public final class Arguments {

    private final List<Argument> arguments;
    private final boolean helpRequested;
    private final MalformedArgument firstMalformed;

    private Arguments(List<Argument> arguments, boolean helpRequested, MalformedArgument firstMalformed) {
        this.arguments = List.copyOf(arguments);
        this.helpRequested = helpRequested;
        this.firstMalformed = firstMalformed;
    }

    /** Returns arguments with no token at all. */
    public static Arguments none() {
        return new Arguments(List.of(), false, null);
    }

    /** Parses the tokens that follow the service name. */
    public static Arguments parse(List<String> tokens) {
        List<Argument> arguments = new ArrayList<>();
        boolean helpRequested = false;
        MalformedArgument firstMalformed = null;

        int position = 0;
        for (String token : tokens) {
            position++;
            if (token.equals("--help") || token.equals("-h")) {
                helpRequested = true;
            } else if (token.equals("--") || token.equals("-q")) {
                continue;
            } else if (isNameValue(token)) {
                int equals = token.indexOf('=');
                arguments.add(new Argument(token.substring(2, equals), token.substring(equals + 1), position));
            } else if (firstMalformed == null) {
                firstMalformed = new MalformedArgument(token, position);
            }
        }
        return new Arguments(arguments, helpRequested, firstMalformed);
    }

    /** Parses the tokens that follow the service name. */
    public static Arguments parse(String... tokens) {
        return parse(List.of(tokens));
    }

    private static boolean isNameValue(String token) {
        return token.startsWith("--") && token.indexOf('=') > 2;
    }

    /** Every {@code --name=value} argument in command-line order, repetitions included. */
    public List<Argument> all() {
        return arguments;
    }

    /** Returns whether {@code --help} or {@code -h} was given. */
    public boolean helpRequested() {
        return helpRequested;
    }

    /** The first token that is not a valid argument, if any. */
    public Optional<MalformedArgument> firstMalformed() {
        return Optional.ofNullable(firstMalformed);
    }

    /** Returns the value of the last {@code --name=...} argument, the one that wins. */
    public Optional<String> last(String name) {
        for (int i = arguments.size() - 1; i >= 0; i--) {
            if (arguments.get(i).name().equals(name)) {
                return Optional.of(arguments.get(i).value());
            }
        }
        return Optional.empty();
    }

    /** Returns the distinct argument names not in {@code knownNames}, in order of first appearance. */
    public Set<String> unknownNames(Collection<String> knownNames) {
        Set<String> unknown = new LinkedHashSet<>();
        for (Argument argument : arguments) {
            if (!knownNames.contains(argument.name())) {
                unknown.add(argument.name());
            }
        }
        return unknown;
    }

    /** Returns the warning printed on standard error for an unknown argument; the value is never shown. */
    public static String unknownArgumentWarning(String name) {
        return "Warning: unknown argument '--" + name + "' ignored";
    }

    @Override
    public String toString() {
        return arguments.toString();
    }
}
