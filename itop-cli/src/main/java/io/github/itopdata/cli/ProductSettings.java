package io.github.itopdata.cli;

import io.github.itopdata.core.config.ItopConfig;
import io.github.itopdata.core.db.DatabaseSettings;
import io.github.itopdata.paramfile.Parameters;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the product settings from the merged parameters, usually set in {@code itop.conf}, through
 * {@link ItopConfig}: {@code db_url}, {@code db_user}, {@code db_password}, {@code data_dir},
 * {@code data_dir_lock_wait} and {@code model_files}, with the defaults that class documents.
 */
public final class ProductSettings {

    /** Setting names read by this class; commands add them to the parameters they accept. */
    public static final List<String> NAMES = ItopConfig.SETTINGS;

    private ProductSettings() {
    }

    /** Returns where the database is. */
    public static DatabaseSettings database(Parameters parameters, Path workingDirectory) {
        return config(parameters, workingDirectory).databaseSettings();
    }

    /** Returns the model files to apply after the default model, in order. */
    public static List<Path> modelFiles(Parameters parameters, Path workingDirectory) {
        return config(parameters, workingDirectory).modelFiles();
    }

    private static ItopConfig config(Parameters parameters, Path workingDirectory) {
        return ItopConfig.of(parameters, System.getenv(), workingDirectory);
    }
}
