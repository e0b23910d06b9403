package io.github.itopdata.core.db.internal;

import java.util.regex.Pattern;

/**
 * The command line of this process as other commands are shown it, with secrets masked.
 *
 * <p>A launcher sets the system property {@value #PROPERTY} to the command as the user typed
 * it (for example {@code itop import --csvfile=a.csv}); otherwise the main class and its
 * arguments are used, the launcher's main class shown as {@code itop}.
 */
public final class CurrentCommand {

    /** Main class of the launcher, shown as {@code itop}. */
    private static final String LAUNCHER_MAIN = "io.github.itopdata.cli.Main";

    /** System property that contains the command as the user typed it. */
    public static final String PROPERTY = "itop.command";

    /** An argument whose name contains pwd, passw, secret or token, up to the end of its value. */
    private static final Pattern SECRET_ARGUMENT =
            Pattern.compile("(?i)(--?[\\w.-]*(?:pwd|passw|secret|token)[\\w.-]*=)\\S*");

    private CurrentCommand() {
    }

    /** Returns the command line of this process, secrets masked. */
    public static String describe() {
        String command = System.getProperty(PROPERTY);
        if (command == null || command.isBlank()) {
            command = System.getProperty("sun.java.command", "java");
            if (command.equals(LAUNCHER_MAIN) || command.startsWith(LAUNCHER_MAIN + " ")) {
                command = "itop" + command.substring(LAUNCHER_MAIN.length());
            }
        }
        return mask(command);
    }

    /** Masks the values of secret arguments such as {@code --auth_pwd=...} in a command line. */
    public static String mask(String commandLine) {
        return SECRET_ARGUMENT.matcher(commandLine).replaceAll("$1********");
    }
}
