package io.github.itopdata.core.cron;

import java.util.Map;
import java.util.Set;

/** Users of the tests: "admin" (Administrator, password "secret") and "ops" (no profile, password "ops"). */
final class TestAuthenticator implements CronAuthenticator {

    private static final Map<String, String> PASSWORDS = Map.of("admin", "secret", "ops", "ops");
    private static final Set<String> ADMINISTRATORS = Set.of("admin");

    @Override
    public boolean checkCredentials(String login, String password) {
        return password.equals(PASSWORDS.get(login));
    }

    @Override
    public boolean isAdministrator(String login) {
        return ADMINISTRATORS.contains(login);
    }
}
