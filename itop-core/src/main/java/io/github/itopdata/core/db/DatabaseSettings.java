package io.github.itopdata.core.db;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the database is: an external server given by a JDBC URL, or the embedded server
 * started by the product in a data directory.
 *
 * @param jdbcUrl JDBC URL of an external server; empty means "start the embedded server"
 * @param user user name for the external server
 * @param password password for the external server; never logged
 * @param dataDirectory data directory of the embedded server, ignored with an external server
 */
public record DatabaseSettings(Optional<String> jdbcUrl, String user, String password, Path dataDirectory) {

    public DatabaseSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
    }

    /** Settings for the embedded server in the given data directory. */
    public static DatabaseSettings embedded(Path dataDirectory) {
        return new DatabaseSettings(Optional.empty(), "postgres", "", dataDirectory);
    }

    /** Settings for an external server; nothing embedded starts. */
    public static DatabaseSettings external(String jdbcUrl, String user, String password) {
        return new DatabaseSettings(Optional.of(jdbcUrl), user, password, Path.of("."));
    }

    public boolean isEmbedded() {
        return jdbcUrl.isEmpty();
    }

    @Override
    public String toString() {
        return isEmbedded()
                ? "embedded PostgreSQL in " + dataDirectory
                : "external PostgreSQL at " + jdbcUrl.get() + " as " + user;
    }
}
