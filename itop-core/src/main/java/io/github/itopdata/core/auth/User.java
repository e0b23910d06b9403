package io.github.itopdata.core.auth;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A user account as stored in the database.
 *
 * @param id database identifier
 * @param login the login as it was created (logins match whatever their case)
 * @param profiles the profiles granted to the user; may be empty, and then the user may log in
 *     but is allowed nothing; iterated in the order of {@link Profile}
 */
public record User(long id, String login, Set<Profile> profiles) {

    public User {
        Objects.requireNonNull(login, "login");
        profiles = profiles.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(profiles));
    }

    public boolean hasProfile(Profile profile) {
        return profiles.contains(profile);
    }

    public boolean isAdministrator() {
        return hasProfile(Profile.ADMINISTRATOR);
    }
}
