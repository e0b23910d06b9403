package io.github.itopdata.http.commands;

import io.github.itopdata.core.auth.AuthException;
import io.github.itopdata.core.auth.Profile;
import io.github.itopdata.core.auth.User;
import io.github.itopdata.core.auth.Users;
import io.github.itopdata.core.db.Database;
import io.github.itopdata.paramfile.Parameters;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code itop user <action> --name=value ...}: creates users, sets passwords, grants and revokes
 * profiles, lists and deletes users. A password not fromArguments with {@code --password} is read as
 * one line from standard input, so that it stays out of the process list and shell history.
 */
public final class UserCommand {

    public static final String USAGE = String.join("\n",
            "USAGE: itop user --action=<action> [--name=value ...]",
            "  --action=create   --login=<login> [--password=<password>] [--profiles=<profile>,...]",
            "  --action=password --login=<login> [--password=<password>]",
            "  --action=grant    --login=<login> --profile=<profile>",
            "  --action=revoke   --login=<login> --profile=<profile>",
            "  --action=delete   --login=<login>",
            "  --action=list",
            "Profiles: " + Profile.labels() + ".",
            "Without --password, the password is read as one line from standard input.",
            "");

    private final Users users;

    public UserCommand(Database database) {
        this.users = new Users(database);
    }

    /** The parameter names the command reads. */
    public static final Set<String> PARAMETERS = Set.of("action", "login", "password", "profiles", "profile");

    /**
     * Runs the action named by the parameter {@code action}.
     *
     * @return 0 on success, 2 on an argument error, 1 when the action was rejected
     */
    public int run(Parameters arguments, InputStream in, PrintStream out, PrintStream err) {
        try {
            String action = required(arguments, "action");
            return switch (action) {
                case "create" -> create(arguments, in, out);
                case "password" -> password(arguments, in, out);
                case "grant" -> grant(arguments, out, true);
                case "revoke" -> grant(arguments, out, false);
                case "delete" -> delete(arguments, out);
                case "list" -> list(out);
                default -> throw new CommandArgumentException("Unknown action '" + action
                        + "'; expected create, password, grant, revoke, delete or list");
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

    private int create(Parameters arguments, InputStream in, PrintStream out) {
        String login = required(arguments, "login");
        Set<Profile> profiles = EnumSet.noneOf(Profile.class);
        for (String label : arguments.get("profiles").orElse("").split(",")) {
            if (!label.isBlank()) {
                profiles.add(profile(label));
            }
        }
        String password = password(arguments, in, login);
        User user = users.create(login, password, profiles);
        out.println("Created user '" + user.login() + "' with profiles " + describe(user.profiles()));
        return 0;
    }

    private int password(Parameters arguments, InputStream in, PrintStream out) {
        String login = required(arguments, "login");
        users.setPassword(login, password(arguments, in, login));
        out.println("Changed the password of user '" + login + "'");
        return 0;
    }

    private int grant(Parameters arguments, PrintStream out, boolean grant) {
        String login = required(arguments, "login");
        Profile profile = profile(required(arguments, "profile"));
        User user = grant ? users.grant(login, profile) : users.revoke(login, profile);
        out.println("User '" + user.login() + "' now has profiles " + describe(user.profiles()));
        return 0;
    }

    private int delete(Parameters arguments, PrintStream out) {
        String login = required(arguments, "login");
        users.delete(login);
        out.println("Deleted user '" + login + "' and the user's API tokens");
        return 0;
    }

    private int list(PrintStream out) {
        for (User user : users.list()) {
            out.println(user.login() + "\t" + describe(user.profiles()));
        }
        return 0;
    }

    static String required(Parameters arguments, String name) {
        return arguments.get(name).filter(value -> !value.isBlank())
                .orElseThrow(() -> new CommandArgumentException("Missing argument '" + name + "'"));
    }

    private static Profile profile(String label) {
        return Profile.fromLabel(label).orElseThrow(() -> new CommandArgumentException(
                "Unknown profile '" + label.strip() + "'; expected one of " + Profile.labels()));
    }

    private static String password(Parameters arguments, InputStream in, String login) {
        Optional<String> fromArguments = arguments.get("password");
        if (fromArguments.isPresent()) {
            return fromArguments.get();
        }
        try {
            String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw new CommandArgumentException("Missing password for user '" + login
                        + "': give --password=<password> or one line on standard input");
            }
            return line;
        } catch (IOException e) {
            throw new CommandArgumentException("Could not read the password from standard input: " + e.getMessage());
        }
    }

    private static String describe(Set<Profile> profiles) {
        return profiles.isEmpty() ? "(none)" : profiles.stream().map(Profile::label).collect(Collectors.joining(", "));
    }

    /** An argument of a command is missing or invalid. */
    static final class CommandArgumentException extends RuntimeException {
        CommandArgumentException(String message) {
            super(message);
        }
    }
}
