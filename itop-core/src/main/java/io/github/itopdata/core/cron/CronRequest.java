package io.github.itopdata.core.cron;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A typed cron call, bound from the {@code name -> value} parameters of a front-end.
 *
 * @param login the user: {@code auth_user} on the command line, the logged-in user over HTTP
 * @param password {@code auth_pwd} on the command line; empty over HTTP, where the front-end has
 *     already checked the credentials
 * @param verbose {@code verbose}: print the tables and one line per task
 * @param debug {@code debug}: add exception traces to error messages
 * @param statusOnly {@code status_only}: print the task table and exit, without the lock
 * @param html write an HTML page with one {@code <p>} per line (HTTP) instead of plain lines
 */
public record CronRequest(
        String login, Optional<String> password, boolean verbose, boolean debug, boolean statusOnly, boolean html) {

    /** Parameter names that cron reads; any other name gets a warning from the front-end. */
    public static final Set<String> KNOWN_PARAMETERS =
            Set.of("auth_user", "auth_pwd", "param_file", "verbose", "debug", "status_only");

    /** iTop's filter for flag values: anything else falls back to the default (off). */
    private static final Pattern PARAMETER_FILTER = Pattern.compile("[ A-Za-z0-9_=-]*");

    public CronRequest {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(password, "password");
    }

    /**
     * Binds command-line parameters.
     *
     * @throws CronArgumentException naming the first of {@code auth_user} and {@code auth_pwd}
     *     that is missing
     */
    public static CronRequest fromCommandLine(Map<String, String> parameters) {
        String login = required(parameters, "auth_user");
        String password = required(parameters, "auth_pwd");
        return new CronRequest(login, Optional.of(password), flag(parameters, "verbose"), flag(parameters, "debug"),
                flag(parameters, "status_only"), false);
    }

    /** Binds HTTP parameters for a user that the front-end has already logged in. */
    public static CronRequest fromHttp(Map<String, String> parameters, String authenticatedLogin) {
        return new CronRequest(authenticatedLogin, Optional.empty(), flag(parameters, "verbose"),
                flag(parameters, "debug"), flag(parameters, "status_only"), true);
    }

    private static String required(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null) {
            throw new CronArgumentException(name);
        }
        return value.strip();
    }

    /**
     * Reads a flag with PHP truthiness, as iTop does: a missing value, {@code ""} and {@code "0"}
     * are off, any other value is on (so {@code "no"} and {@code "false"} are on), and a value
     * with a character outside {@code [ A-Za-z0-9_=-]} is off.
     */
    static boolean flag(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null || !PARAMETER_FILTER.matcher(value).matches()) {
            return false;
        }
        return !value.isEmpty() && !value.equals("0");
    }
}
