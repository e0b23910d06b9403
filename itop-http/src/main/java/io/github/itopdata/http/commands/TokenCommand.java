package io.github.itopdata.http.commands;

import io.github.itopdata.core.auth.ApiToken;
import io.github.itopdata.core.auth.ApiTokens;
import io.github.itopdata.core.auth.AuthException;
import io.github.itopdata.core.db.Database;
import io.github.itopdata.http.commands.UserCommand.CommandArgumentException;
import io.github.itopdata.paramfile.Parameters;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * {@code itop token --action=<action> --name=value ...}: creates, lists and revokes personal API tokens.
 * A new token is printed once; only its SHA-256 digest is stored.
 */
public final class TokenCommand {

    public static final String USAGE = String.join("\n",
            "USAGE: itop token --action=<action> [--name=value ...]",
            "  --action=create --login=<login> [--description=<text>] [--expires_in_days=<days>, default "
                    + ApiTokens.DEFAULT_VALIDITY.toDays() + "]",
            "  --action=list   [--login=<login>]",
            "  --action=revoke --id=<token id>",
            "A token is sent in the Auth-Token header or the auth_token parameter.",
            "");

    private final ApiTokens tokens;

    public TokenCommand(Database database) {
        this.tokens = new ApiTokens(database);
    }

    /** The parameter names the command reads. */
    public static final Set<String> PARAMETERS = Set.of("action", "login", "description", "expires_in_days", "id");

    /**
     * Runs the action named by the parameter {@code action}.
     *
     * @return 0 on success, 2 on an argument error, 1 when the action was rejected
     */
    public int run(Parameters arguments, PrintStream out, PrintStream err) {
        try {
            String action = UserCommand.required(arguments, "action");
            return switch (action) {
                case "create" -> create(arguments, out);
                case "list" -> list(arguments, out);
                case "revoke" -> revoke(arguments, out);
                default -> throw new CommandArgumentException("Unknown action '" + action
                        + "'; expected create, list or revoke");
            };
        } catch (CommandArgumentException e) {
            err.println("ERROR: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (AuthException e) {
            err.println("ERROR: " + e.getMessage());
            return 1;
        }
    }

    private int create(Parameters arguments, PrintStream out) {
        String login = UserCommand.required(arguments, "login");
        long days = positiveNumber(arguments, "expires_in_days", ApiTokens.DEFAULT_VALIDITY.toDays());
        ApiTokens.CreatedToken created = tokens.create(login, arguments.get("description").orElse(""),
                Duration.ofDays(days));
        out.println(created.secret());
        out.println("# Token " + created.token().id() + " for user '" + created.token().login() + "', expires at "
                + created.token().expiresAt() + ". It is shown only once: store it now.");
        return 0;
    }

    private int list(Parameters arguments, PrintStream out) {
        Instant now = Instant.now();
        out.println("id\tlogin\tcreated\texpires\tlast used\tstatus\tdescription");
        for (ApiToken token : tokens.list(arguments.get("login").filter(login -> !login.isBlank()))) {
            String status = token.revokedAt().isPresent() ? "revoked"
                    : token.isActiveAt(now) ? "active" : "expired";
            out.println(token.id() + "\t" + token.login() + "\t" + token.createdAt() + "\t" + token.expiresAt() + "\t"
                    + token.lastUsedAt().map(Instant::toString).orElse("-") + "\t" + status + "\t"
                    + token.description());
        }
        return 0;
    }

    private int revoke(Parameters arguments, PrintStream out) {
        long id = positiveNumber(arguments, "id", -1);
        if (id < 0) {
            throw new CommandArgumentException("Missing argument 'id'");
        }
        tokens.revoke(id);
        out.println("Revoked API token " + id);
        return 0;
    }

    private static long positiveNumber(Parameters arguments, String name, long defaultValue) {
        String text = arguments.get(name).map(String::strip).orElse("");
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below with the expected form.
        }
        throw new CommandArgumentException("Invalid " + name + " '" + text + "': expected a positive whole number");
    }
}
