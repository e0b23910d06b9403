package io.github.itopdata.cli.admin;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.db.DatabaseSettings;
import io.github.itopdata.paramfile.InvalidParameterException;
import io.github.itopdata.paramfile.Parameters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * Opens and migrates the database named by the settings {@code db_url}, {@code db_user} and
 * {@code db_password} (external PostgreSQL) or {@code data_dir} (embedded PostgreSQL, waiting up
 * to {@code data_dir_lock_wait} seconds for another command that holds the directory).
 *
 * <p>TODO: replace with the product's shared configuration once it exists, so that every command
 * reads the same settings with the same defaults; until then one of db_url or data_dir is required.
 */
final class DatabaseOpener {

    static final Set<String> PARAMETERS = Set.of("db_url", "db_user", "db_password", "data_dir", "data_dir_lock_wait");

    private DatabaseOpener() {
    }

    static Database open(Parameters parameters) {
        DatabaseSettings settings;
        if (parameters.get("db_url").filter(url -> !url.isBlank()).isPresent()) {
            settings = DatabaseSettings.external(parameters.get("db_url").get().strip(),
                    parameters.getOrDefault("db_user", "postgres"), parameters.getOrDefault("db_password", ""));
        } else if (parameters.get("data_dir").filter(dir -> !dir.isBlank()).isPresent()) {
            settings = DatabaseSettings.embedded(Path.of(parameters.get("data_dir").get().strip()));
        } else {
            throw new InvalidParameterException("db_url", "Missing setting 'db_url' or 'data_dir': give db_url"
                    + " (with db_user and db_password) for an external PostgreSQL, or data_dir for the embedded one");
        }
        long lockWait = parameters.getLong("data_dir_lock_wait", DatabaseSettings.DEFAULT_LOCK_WAIT.toSeconds());
        return Database.open(settings.withLockWait(Duration.ofSeconds(lockWait))).migrate();
    }
}
