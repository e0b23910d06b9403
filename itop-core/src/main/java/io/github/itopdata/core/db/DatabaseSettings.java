package io.github.itopdata.core.db;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Location of the database: an external server given by a JDBC URL, or the embedded server
 * started by the product in a data directory.
 *
 * <p>The data directory of the embedded server holds the PostgreSQL cluster (sub-directory
 * {@code postgres}), the server's password file {@code postgres.password}, and the lock file
 * {@code itop.lock} that keeps a second command from using the directory at the same time.
 *
 * @param jdbcUrl JDBC URL of an external server; empty means "start the embedded server"
 * @param user user name for the external server
 * @param password password for the external server; never logged
 * @param dataDirectory data directory of the embedded server, ignored with an external server
 * @param lockWait how long a command waits for another command that holds the data directory
 */
public record DatabaseSettings(
        Optional<String> jdbcUrl, String user, String password, Path dataDirectory, Duration lockWait) {

    /** How long a command waits for the data directory by default (setting {@code data_dir_lock_wait}). */
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(60);

    public DatabaseSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(lockWait, "lockWait");
        if (lockWait.isNegative()) {
            throw new IllegalArgumentException("lockWait must not be negative: " + lockWait);
        }
    }

    /** Settings for the embedded server in the given data directory. */
    public static DatabaseSettings embedded(Path dataDirectory) {
        return new DatabaseSettings(Optional.empty(), "postgres", "", dataDirectory, DEFAULT_LOCK_WAIT);
    }

    /** Settings for an external server; nothing embedded starts. */
    public static DatabaseSettings external(String jdbcUrl, String user, String password) {
        return new DatabaseSettings(Optional.of(jdbcUrl), user, password, Path.of("."), DEFAULT_LOCK_WAIT);
    }

    /** Returns these settings with another wait for a data directory held by another command. */
    public DatabaseSettings withLockWait(Duration wait) {
        return new DatabaseSettings(jdbcUrl, user, password, dataDirectory, wait);
    }

    public boolean isEmbedded() {
        return jdbcUrl.isEmpty();
    }

    /** Returns the PostgreSQL cluster directory of the embedded server, inside the data directory. */
    public Path clusterDirectory() {
        return dataDirectory.resolve("postgres");
    }

    /** Returns the file with the password of the embedded server's {@code postgres} user, readable by its owner only. */
    public Path passwordFile() {
        return dataDirectory.resolve("postgres.password");
    }

    /** Returns the file locked by the command that uses the embedded server. */
    public Path lockFile() {
        return dataDirectory.resolve("itop.lock");
    }

    /** Describes where the database is, without the password. */
    @Override
    public String toString() {
        return isEmbedded()
                ? "embedded PostgreSQL in " + dataDirectory
                : "external PostgreSQL at " + maskUrlPassword(jdbcUrl.get()) + " as " + user;
    }

    /** Masks a {@code password=} query parameter, which a JDBC URL may carry. */
    public static String maskUrlPassword(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1********");
    }
}
