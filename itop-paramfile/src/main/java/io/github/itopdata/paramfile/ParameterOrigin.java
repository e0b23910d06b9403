package io.github.itopdata.paramfile;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the value of a parameter came from: a default, a line of a configuration or parameters
 * file, an environment variable, a command-line argument or an HTTP request.
 *
 * <p>The {@link Kind} also fixes precedence: when a name has values from several origins, the
 * value whose kind comes last in {@link Kind} wins, and among values of one kind the one added
 * last wins.
 */
public final class ParameterOrigin {

    /** Kinds of origin, from the lowest to the highest precedence. */
    public enum Kind {
        /** The default value of a service or setting. */
        DEFAULT,
        /** A line of the configuration file {@code itop.conf}. */
        CONFIG_FILE,
        /** An {@code ITOP_<NAME>} environment variable. */
        ENVIRONMENT,
        /** A line of a file named by {@code --param_file}. */
        PARAM_FILE,
        /** A {@code --name=value} command-line argument. */
        ARGUMENT,
        /** A parameter of an HTTP request (query string or form body). */
        HTTP_REQUEST
    }

    private static final ParameterOrigin DEFAULT = new ParameterOrigin(Kind.DEFAULT, null, 0);
    private static final ParameterOrigin HTTP_REQUEST = new ParameterOrigin(Kind.HTTP_REQUEST, null, 0);

    private final Kind kind;
    private final String source;
    private final int position;

    private ParameterOrigin(Kind kind, String source, int position) {
        this.kind = kind;
        this.source = source;
        this.position = position;
    }

    /** Returns the origin of a default value. */
    public static ParameterOrigin defaultValue() {
        return DEFAULT;
    }

    /** Returns the origin of a value read from line {@code line} (1-based) of the configuration file. */
    public static ParameterOrigin configFile(String path, int line) {
        return new ParameterOrigin(Kind.CONFIG_FILE, Objects.requireNonNull(path, "path"), line);
    }

    /** Returns the origin of a value read from the environment variable {@code variable}. */
    public static ParameterOrigin environment(String variable) {
        return new ParameterOrigin(Kind.ENVIRONMENT, Objects.requireNonNull(variable, "variable"), 0);
    }

    /** Returns the origin of a value read from line {@code line} (1-based) of a parameters file. */
    public static ParameterOrigin paramFile(String path, int line) {
        return new ParameterOrigin(Kind.PARAM_FILE, Objects.requireNonNull(path, "path"), line);
    }

    /** Returns the origin of a value given by the command-line token at {@code position} (1-based). */
    public static ParameterOrigin argument(int position) {
        return new ParameterOrigin(Kind.ARGUMENT, null, position);
    }

    /** Returns the origin of a value received as an HTTP request parameter. */
    public static ParameterOrigin httpRequest() {
        return HTTP_REQUEST;
    }

    public Kind kind() {
        return kind;
    }

    /** The file path as the caller wrote it, or the environment variable name; empty for other kinds. */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    /** The 1-based line of a file, or the 1-based position of a command-line token; 0 when not applicable. */
    public int position() {
        return position;
    }

    /** Returns whether the value came from a file, either a parameters file or the configuration file. */
    public boolean isFile() {
        return kind == Kind.PARAM_FILE || kind == Kind.CONFIG_FILE;
    }

    /** Describes the origin for a reader, for example {@code parameters file /etc/itop/cron.params:3}. */
    @Override
    public String toString() {
        return switch (kind) {
            case DEFAULT -> "default";
            case CONFIG_FILE -> "configuration file " + source + ":" + position;
            case ENVIRONMENT -> "environment variable " + source;
            case PARAM_FILE -> "parameters file " + source + ":" + position;
            case ARGUMENT -> "command-line argument #" + position;
            case HTTP_REQUEST -> "HTTP request";
        };
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ParameterOrigin that
                && kind == that.kind
                && position == that.position
                && Objects.equals(source, that.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, source, position);
    }
}
