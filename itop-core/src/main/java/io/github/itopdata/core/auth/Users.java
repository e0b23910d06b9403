package io.github.itopdata.core.auth;

import io.github.itopdata.core.auth.internal.PasswordHasher;
import io.github.itopdata.core.db.Database;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user accounts stored in the database: creation, passwords and profiles. Logins match
 * whatever their case ({@code Alice} and {@code alice} are one user). Passwords are stored only
 * as Argon2id hashes.
 */
public final class Users {

    private static final Logger LOG = LoggerFactory.getLogger(Users.class);

    private final Jdbi jdbi;
    private final PasswordHasher hasher;

    public Users(Database database) {
        this(database.jdbi());
    }

    public Users(Jdbi jdbi) {
        this(jdbi, new PasswordHasher());
    }

    Users(Jdbi jdbi, PasswordHasher hasher) {
        this.jdbi = jdbi;
        this.hasher = hasher;
    }

    /**
     * Creates a user.
     *
     * @param password the password, or {@code null} for a user who logs in with tokens only
     * @throws AuthException if the login is blank or already exists, or the password is empty
     */
    public User create(String login, String password, Set<Profile> profiles) {
        String cleanLogin = requireLogin(login);
        String hash = password == null ? null : hasher.hash(requirePassword(password, cleanLogin));
        User user = jdbi.inTransaction(handle -> {
            if (findId(handle, cleanLogin).isPresent()) {
                throw new AuthException("User '" + cleanLogin + "' already exists; use another login or change"
                        + " this user's password and profiles");
            }
            long id = handle.createUpdate("INSERT INTO itop_user (login, password_hash) VALUES (:login, :hash)")
                    .bind("login", cleanLogin)
                    .bind("hash", hash)
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one();
            for (Profile profile : profiles) {
                insertProfile(handle, id, profile);
            }
            return load(handle, id);
        });
        LOG.info("Created user '{}' with profiles {}", user.login(), user.profiles());
        return user;
    }

    /** Replaces the password of an existing user. */
    public void setPassword(String login, String password) {
        String hash = hasher.hash(requirePassword(password, login));
        int updated = jdbi.withHandle(handle -> handle
                .createUpdate("UPDATE itop_user SET password_hash = :hash, updated_at = now()"
                        + " WHERE lower(login) = lower(:login)")
                .bind("hash", hash)
                .bind("login", login)
                .execute());
        if (updated == 0) {
            throw unknownUser(login);
        }
        LOG.info("Changed the password of user '{}'", login);
    }

    /** Grants a profile to a user; granting a profile the user has already changes nothing. */
    public User grant(String login, Profile profile) {
        User user = jdbi.inTransaction(handle -> {
            long id = requireId(handle, login);
            insertProfile(handle, id, profile);
            return load(handle, id);
        });
        LOG.info("Granted profile '{}' to user '{}'", profile, user.login());
        return user;
    }

    /** Takes a profile away from a user; taking a profile the user lacks changes nothing. */
    public User revoke(String login, Profile profile) {
        User user = jdbi.inTransaction(handle -> {
            long id = requireId(handle, login);
            handle.createUpdate("DELETE FROM itop_user_profile WHERE user_id = :id AND profile = :profile")
                    .bind("id", id)
                    .bind("profile", profile.label())
                    .execute();
            return load(handle, id);
        });
        LOG.info("Revoked profile '{}' from user '{}'", profile, user.login());
        return user;
    }

    /** Deletes a user and the user's tokens. */
    public void delete(String login) {
        int deleted = jdbi.withHandle(handle -> handle
                .createUpdate("DELETE FROM itop_user WHERE lower(login) = lower(:login)")
                .bind("login", login)
                .execute());
        if (deleted == 0) {
            throw unknownUser(login);
        }
        LOG.info("Deleted user '{}'", login);
    }

    public Optional<User> find(String login) {
        return jdbi.withHandle(handle -> findId(handle, login).map(id -> load(handle, id)));
    }

    /** Lists every user, ordered by login. */
    public List<User> list() {
        return jdbi.withHandle(handle -> {
            List<Long> ids = handle.createQuery("SELECT id FROM itop_user ORDER BY lower(login)")
                    .mapTo(Long.class)
                    .list();
            List<User> users = new ArrayList<>();
            for (long id : ids) {
                users.add(load(handle, id));
            }
            return users;
        });
    }

    /** Returns whether at least one user has the Administrator profile. */
    public boolean hasAdministrator() {
        return jdbi.withHandle(handle -> handle
                .createQuery("SELECT EXISTS (SELECT 1 FROM itop_user_profile WHERE profile = :profile)")
                .bind("profile", Profile.ADMINISTRATOR.label())
                .mapTo(Boolean.class)
                .one());
    }

    /** Returns the user and password hash for a login check, or empty for an unknown login. */
    Optional<StoredUser> findForLogin(String login) {
        return jdbi.withHandle(handle -> handle
                .createQuery("SELECT id, password_hash FROM itop_user WHERE lower(login) = lower(:login)")
                .bind("login", login)
                .map((rows, context) -> new Object[] {rows.getLong("id"), rows.getString("password_hash")})
                .findOne()
                .map(row -> new StoredUser(load(handle, (Long) row[0]), (String) row[1])));
    }

    static User load(Handle handle, long id) {
        String login = handle.createQuery("SELECT login FROM itop_user WHERE id = :id")
                .bind("id", id)
                .mapTo(String.class)
                .one();
        List<String> labels = handle.createQuery("SELECT profile FROM itop_user_profile WHERE user_id = :id")
                .bind("id", id)
                .mapTo(String.class)
                .list();
        Set<Profile> profiles = EnumSet.noneOf(Profile.class);
        for (String label : labels) {
            profiles.add(Profile.fromLabel(label).orElseThrow(
                    () -> new IllegalStateException("Unknown profile '" + label + "' stored for user " + login)));
        }
        return new User(id, login, profiles);
    }

    static Optional<Long> findId(Handle handle, String login) {
        return handle.createQuery("SELECT id FROM itop_user WHERE lower(login) = lower(:login)")
                .bind("login", login)
                .mapTo(Long.class)
                .findOne();
    }

    static long requireId(Handle handle, String login) {
        return findId(handle, login).orElseThrow(() -> unknownUser(login));
    }

    static AuthException unknownUser(String login) {
        return new AuthException("User '" + login + "' not found; list the users with 'itop user --action=list'");
    }

    private static void insertProfile(Handle handle, long userId, Profile profile) {
        handle.createUpdate("INSERT INTO itop_user_profile (user_id, profile) VALUES (:id, :profile)"
                        + " ON CONFLICT DO NOTHING")
                .bind("id", userId)
                .bind("profile", profile.label())
                .execute();
    }

    private static String requireLogin(String login) {
        if (login == null || login.isBlank()) {
            throw new AuthException("Missing login: a user needs a non-blank login");
        }
        if (!login.equals(login.strip())) {
            throw new AuthException("Invalid login '" + login + "': it must not begin or end with blanks");
        }
        return login;
    }

    private static String requirePassword(String password, String login) {
        if (password == null || password.isEmpty()) {
            throw new AuthException("Invalid password for user '" + login + "': it must not be empty");
        }
        return password;
    }

    /** A user with the stored password hash, which is null for a token-only user. */
    record StoredUser(User user, String passwordHash) {
    }
}
