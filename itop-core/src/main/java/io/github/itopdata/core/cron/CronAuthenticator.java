package io.github.itopdata.core.cron;

/**
 * The checks that cron makes on its caller: valid credentials (command line) and the
 * {@code Administrator} profile (every front-end).
 *
 * <p>The front-ends reach cron through {@link CronItopService}, which checks the profile with
 * the auth package's {@code RightsChecker}. An application that calls {@link CronService}
 * directly supplies its own checks through this interface.
 */
public interface CronAuthenticator {

    /** Returns true when the login exists and the password is its password. */
    boolean checkCredentials(String login, String password);

    /** Returns true when the user has the {@code Administrator} profile. */
    boolean isAdministrator(String login);
}
