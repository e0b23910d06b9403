package io.github.itopdata.core.config;

import io.github.itopdata.core.db.DatabaseSettings;
import io.github.itopdata.core.model.LoadedModel;
import io.github.itopdata.core.model.ModelLoader;
import io.github.itopdata.paramfile.InvalidParameterException;
import io.github.itopdata.paramfile.Parameter;
import io.github.itopdata.paramfile.ParameterOrigin;
import io.github.itopdata.paramfile.Parameters;
import io.github.itopdata.paramfile.SecretNames;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The product's settings for one run, read from merged {@link Parameters}: the configuration
 * file {@code itop.conf}, then {@code ITOP_<NAME>} environment variables, then command-line
 * arguments, each overriding the previous (the front-end merges them).
 *
 * <p>Settings:
 * <ul>
 *   <li>{@value #DATA_DIR}: data directory of the embedded PostgreSQL; default
 *       {@code $XDG_DATA_HOME/itop}, else {@code $HOME/.local/share/itop}.</li>
 *   <li>{@value #DB_URL}, {@value #DB_USER}, {@value #DB_PASSWORD}: an external PostgreSQL
 *       server as a JDBC URL ({@code jdbc:postgresql://host:5432/itop}); when {@value #DB_URL}
 *       is set, nothing embedded starts and {@value #DATA_DIR} is not used.</li>
 *   <li>{@value #DATA_DIR_LOCK_WAIT}: seconds a command waits for another command that uses the
 *       same data directory; default 60.</li>
 *   <li>{@value #MODEL_FILES}: comma-separated iTop design XML files added to the default model.
 *       A relative path given in a configuration or parameters file is resolved against that
 *       file's directory, otherwise against the working directory.</li>
 * </ul>
 *
 * <p>{@link #describe()} lists each setting with its value and origin, secrets masked, so it can
 * be logged.
 */
public final class ItopConfig {

    public static final String DATA_DIR = "data_dir";
    public static final String DB_URL = "db_url";
    public static final String DB_USER = "db_user";
    public static final String DB_PASSWORD = "db_password";
    public static final String DATA_DIR_LOCK_WAIT = "data_dir_lock_wait";
    public static final String MODEL_FILES = "model_files";

    /** Every setting read here, in the order {@link #describe()} lists them. */
    public static final List<String> SETTINGS =
            List.of(DATA_DIR, DB_URL, DB_USER, DB_PASSWORD, DATA_DIR_LOCK_WAIT, MODEL_FILES);

    /** Default user name for an external server when {@value #DB_USER} is not set: PostgreSQL's superuser. */
    public static final String DEFAULT_DB_USER = "postgres";

    private final Parameters parameters;
    private final Map<String, String> environment;
    private final Path workingDirectory;

    private ItopConfig(Parameters parameters, Map<String, String> environment, Path workingDirectory) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.environment = Map.copyOf(environment);
        this.workingDirectory = workingDirectory.toAbsolutePath();
    }

    /**
     * Reads the settings from merged parameters.
     *
     * @param environment the process environment, for the default data directory ({@code HOME},
     *     {@code XDG_DATA_HOME}); {@code ITOP_<NAME>} variables must already be in {@code parameters}
     * @param workingDirectory the directory relative paths given on the command line resolve against
     */
    public static ItopConfig of(Parameters parameters, Map<String, String> environment, Path workingDirectory) {
        return new ItopConfig(parameters, environment, workingDirectory);
    }

    /** Returns the merged parameters that the settings come from. */
    public Parameters parameters() {
        return parameters;
    }

    /** Returns whether an external server is configured ({@value #DB_URL} set and not blank). */
    public boolean usesExternalDatabase() {
        return parameters.get(DB_URL).filter(url -> !url.isBlank()).isPresent();
    }

    /**
     * Returns where the database is.
     *
     * @throws InvalidParameterException when {@value #DB_URL} is not a PostgreSQL JDBC URL or
     *     {@value #DATA_DIR_LOCK_WAIT} is not a number of seconds
     */
    public DatabaseSettings databaseSettings() {
        Duration lockWait = Duration.ofSeconds(parameters.getInt(DATA_DIR_LOCK_WAIT,
                (int) DatabaseSettings.DEFAULT_LOCK_WAIT.toSeconds(), 0, Integer.MAX_VALUE));
        if (usesExternalDatabase()) {
            Parameter url = parameters.find(DB_URL).orElseThrow();
            String value = url.value().strip();
            if (!value.startsWith("jdbc:postgresql:")) {
                throw new InvalidParameterException(DB_URL, "The setting db_url (" + url.origin()
                        + ") must be a PostgreSQL JDBC URL such as jdbc:postgresql://localhost:5432/itop");
            }
            return DatabaseSettings.external(value, parameters.getOrDefault(DB_USER, DEFAULT_DB_USER),
                    parameters.getOrDefault(DB_PASSWORD, "")).withLockWait(lockWait);
        }
        return DatabaseSettings.embedded(dataDirectory()).withLockWait(lockWait);
    }

    /** Returns the data directory of the embedded server, configured or default. */
    public Path dataDirectory() {
        Optional<Parameter> configured = parameters.find(DATA_DIR).filter(parameter -> !parameter.value().isBlank());
        if (configured.isPresent()) {
            return resolve(configured.get(), configured.get().value().strip());
        }
        return defaultDataDirectory();
    }

    private Path defaultDataDirectory() {
        String dataHome = environment.get("XDG_DATA_HOME");
        if (dataHome != null && !dataHome.isBlank() && Path.of(dataHome).isAbsolute()) {
            return Path.of(dataHome, "itop");
        }
        String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".local", "share", "itop");
    }

    /** Returns the model files added to the default model, in the order given. */
    public List<Path> modelFiles() {
        Optional<Parameter> setting = parameters.find(MODEL_FILES);
        if (setting.isEmpty()) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        for (String element : setting.get().value().split(",")) {
            String path = element.strip();
            if (!path.isEmpty()) {
                files.add(resolve(setting.get(), path));
            }
        }
        return List.copyOf(files);
    }

    /** Loads the default model plus {@link #modelFiles()}. */
    public LoadedModel loadModel() {
        return new ModelLoader().addDefaultModel().addFiles(modelFiles()).load();
    }

    /** Resolves a path against the directory of the file it was read from, or the working directory. */
    private Path resolve(Parameter parameter, String path) {
        Path value;
        try {
            value = Path.of(path);
        } catch (InvalidPathException e) {
            throw new InvalidParameterException(parameter.name(), "The setting " + parameter.name() + " ("
                    + parameter.origin() + ") is not a valid path: " + e.getMessage());
        }
        if (value.isAbsolute()) {
            return value.normalize();
        }
        Path base = workingDirectory;
        ParameterOrigin origin = parameter.origin();
        if (origin.isFile() && origin.source().isPresent()) {
            Path file = workingDirectory.resolve(origin.source().get());
            if (file.getParent() != null) {
                base = file.getParent();
            }
        }
        return base.resolve(value).normalize();
    }

    /**
     * Returns one line per setting, {@code name = value (origin)}, secrets masked, with the
     * values in effect: defaults are listed as such, and settings an external database makes
     * irrelevant are marked unused.
     */
    public String describe() {
        boolean external = usesExternalDatabase();
        StringBuilder text = new StringBuilder();
        for (String name : SETTINGS) {
            Optional<Parameter> parameter = parameters.find(name);
            String value;
            String origin;
            if (parameter.isPresent()) {
                String raw = parameter.get().value();
                value = SecretNames.quoteOrMask(name, name.equals(DB_URL) ? DatabaseSettings.maskUrlPassword(raw) : raw);
                origin = parameter.get().origin().toString();
            } else {
                value = defaultDescription(name);
                origin = "default";
            }
            text.append(name).append(" = ").append(value).append(" (").append(origin);
            if (external && (name.equals(DATA_DIR) || name.equals(DATA_DIR_LOCK_WAIT))) {
                text.append(", unused with db_url");
            }
            text.append(")\n");
        }
        return text.toString();
    }

    private String defaultDescription(String name) {
        return switch (name) {
            case DATA_DIR -> SecretNames.quote(defaultDataDirectory().toString());
            case DB_USER -> SecretNames.quote(DEFAULT_DB_USER);
            case DATA_DIR_LOCK_WAIT -> SecretNames.quote(Long.toString(DatabaseSettings.DEFAULT_LOCK_WAIT.toSeconds()));
            case DB_URL -> "none, the embedded server is used";
            case MODEL_FILES -> "none, the default model alone";
            default -> "none";
        };
    }

    @Override
    public String toString() {
        return describe();
    }
}
