package io.github.itopdata.core.cron;

/**
 * The checks that cron makes on its caller: valid credentials (command line) and the
 * {@code Administrator} profile (every front-end).
 *
 * <p>TODO: implement this with the users and profiles of the auth package once it exists; until
 * then the embedding application or the launcher supplies it.
 */
public interface CronAuthenticator {

    /** Returns true when the login exists and the password is its password. */
    boolean checkCredentials(String login, String password);

    /** Returns true when the user has the {@code Administrator} profile. */
    boolean isAdministrator(String login);
}
