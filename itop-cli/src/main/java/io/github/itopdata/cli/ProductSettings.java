package io.github.itopdata.cli;

import io.github.itopdata.core.db.DatabaseSettings;
import io.github.itopdata.paramfile.ParameterValues;
import io.github.itopdata.paramfile.Parameters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the product settings from the merged parameters, usually set in {@code itop.conf}:
 *
 * <ul>
 *   <li>{@code db_url}: JDBC URL of an external PostgreSQL; absent or empty starts the embedded server;</li>
 *   <li>{@code db_user}, {@code db_password}: credentials for the external server (default {@code postgres} and empty);</li>
 *   <li>{@code data_dir}: data directory of the embedded server, relative to the working
 *       directory (default {@code data});</li>
 *   <li>{@code model_files}: comma-separated iTop design XML files applied after the bundled
 *       default model, relative to the working directory.</li>
 * </ul>
 */
public final class ProductSettings {

    /** Setting names read by this class; commands add them to the parameters they accept. */
    public static final List<String> NAMES = List.of("db_url", "db_user", "db_password", "data_dir", "model_files");

    private ProductSettings() {
    }

    /** Returns where the database is. */
    public static DatabaseSettings database(Parameters parameters, Path workingDirectory) {
        String url = ParameterValues.trim(parameters.getOrDefault("db_url", ""));
        if (url.isEmpty()) {
            String dataDirectory = ParameterValues.trim(parameters.getOrDefault("data_dir", "data"));
            return DatabaseSettings.embedded(workingDirectory.resolve(dataDirectory.isEmpty() ? "data" : dataDirectory));
        }
        return DatabaseSettings.external(url,
                ParameterValues.trim(parameters.getOrDefault("db_user", "postgres")),
                parameters.getOrDefault("db_password", ""));
    }

    /** Returns the model files to apply after the default model, in order. */
    public static List<Path> modelFiles(Parameters parameters, Path workingDirectory) {
        List<Path> files = new ArrayList<>();
        for (String element : parameters.getOrDefault("model_files", "").split(",")) {
            String path = ParameterValues.trim(element);
            if (!path.isEmpty()) {
                files.add(workingDirectory.resolve(path));
            }
        }
        return files;
    }
}
