package io.github.itopdata.cli.admin;

import io.github.itopdata.core.config.ItopConfig;
import io.github.itopdata.core.db.Database;
import io.github.itopdata.paramfile.Parameters;
import java.nio.file.Path;
import java.util.Set;

/**
 * Opens and migrates the database named by the product settings ({@link ItopConfig}): an external
 * PostgreSQL given by {@code db_url}, {@code db_user} and {@code db_password}, else the embedded
 * one in {@code data_dir}, waiting up to {@code data_dir_lock_wait} seconds for another command
 * that holds the directory.
 */
final class DatabaseOpener {

    static final Set<String> PARAMETERS = Set.copyOf(ItopConfig.SETTINGS);

    private DatabaseOpener() {
    }

    static Database open(Parameters parameters) {
        ItopConfig config = ItopConfig.of(parameters, System.getenv(), Path.of("").toAbsolutePath());
        return Database.open(config.databaseSettings()).migrate();
    }
}
