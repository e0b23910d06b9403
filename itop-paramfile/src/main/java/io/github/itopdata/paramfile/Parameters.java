package io.github.itopdata.paramfile;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * An immutable set of named string parameters, merged from several origins, that remembers where
 * each value came from.
 *
 * <p>Precedence follows {@link ParameterOrigin.Kind}: default &lt; configuration file &lt;
 * environment &lt; parameters file &lt; command-line argument (or HTTP request parameter). Among
 * values of the same kind, the one added last wins, so a later parameters file and a later
 * repetition of an argument win. Values that lost are kept: {@link #history(String)} lists them,
 * and {@link #without(ParameterOrigin.Kind)} shows what the value would be without one origin.
 *
 * <p>The typed getters ({@link #getInt}, {@link #getBoolean}, {@link #getChoice} ...) trim the
 * value with {@link ParameterValues#trim(String)} and throw {@link InvalidParameterException},
 * whose message names the parameter, the value, its origin and what is expected.
 * {@link #toString()} and {@link #describe()} mask secrets, so a {@code Parameters} can be logged.
 */
public final class Parameters {

    private static final Parameters EMPTY = new Parameters(new TreeMap<>());

    private static final Comparator<Parameter> BY_PRECEDENCE = Comparator.comparing(p -> p.origin().kind());

    /** Per name, every value, the lowest precedence first. */
    private final TreeMap<String, List<Parameter>> values;

    private Parameters(TreeMap<String, List<Parameter>> values) {
        this.values = values;
    }

    /** Returns a set without any parameter. */
    public static Parameters empty() {
        return EMPTY;
    }

    /** Returns a builder that starts empty. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder that starts with every value of this set, so that more can be added. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        values.values().forEach(history -> history.forEach(builder::add));
        return builder;
    }

    // Plain access -------------------------------------------------------------------------

    /** Returns the winning value, or empty when no origin defines the name. An empty string is a value. */
    public Optional<String> get(String name) {
        return find(name).map(Parameter::value);
    }

    /** Returns the winning value, or {@code defaultValue} when no origin defines the name. */
    public String getOrDefault(String name, String defaultValue) {
        return find(name).map(Parameter::value).orElse(defaultValue);
    }

    /** Returns whether some origin defines the name, possibly with an empty value. */
    public boolean contains(String name) {
        return values.containsKey(name);
    }

    /** Returns the winning value with its origin. */
    public Optional<Parameter> find(String name) {
        List<Parameter> history = values.get(name);
        return history == null ? Optional.empty() : Optional.of(history.get(history.size() - 1));
    }

    /** Returns where the winning value came from. */
    public Optional<ParameterOrigin> origin(String name) {
        return find(name).map(Parameter::origin);
    }

    /** Returns every value given for the name, the lowest precedence first and the winner last. */
    public List<Parameter> history(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** Returns the defined names, sorted. */
    public Set<String> names() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /** Returns the winning values by name, sorted by name, for front-ends that pass a flat map on. */
    public Map<String, String> asMap() {
        Map<String, String> map = new TreeMap<>();
        values.forEach((name, history) -> map.put(name, history.get(history.size() - 1).value()));
        return Collections.unmodifiableMap(map);
    }

    /**
     * Returns the parameters without the values of one kind of origin. A service uses it for a
     * parameter that must not come from the command line:
     * {@code parameters.without(Kind.ARGUMENT).get("no_localize")}.
     */
    public Parameters without(ParameterOrigin.Kind kind) {
        return filter(parameter -> parameter.origin().kind() != kind);
    }

    private Parameters filter(Predicate<Parameter> keep) {
        TreeMap<String, List<Parameter>> kept = new TreeMap<>();
        values.forEach((name, history) -> {
            List<Parameter> remaining = history.stream().filter(keep).toList();
            if (!remaining.isEmpty()) {
                kept.put(name, remaining);
            }
        });
        return new Parameters(kept);
    }

    // Typed, validated access --------------------------------------------------------------

    /**
     * Returns the winning value of a mandatory parameter.
     *
     * @throws MissingParameterException when no origin defines it; an empty value is returned as it is
     */
    public String require(String name) {
        return get(name).orElseThrow(() -> new MissingParameterException(name));
    }

    /**
     * Returns the trimmed value when it passes iTop's default argument filter (letters, digits,
     * space, {@code _ = -}); otherwise, and when absent, returns {@code defaultValue} without
     * any error, as iTop does ({@code simulate = yes!} means the default).
     */
    public String getFiltered(String name, String defaultValue) {
        Optional<String> value = get(name).map(ParameterValues::trim);
        if (value.isEmpty() || value.get().equals(defaultValue)) {
            return defaultValue;
        }
        return ParameterValues.passesParameterFilter(value.get()) ? value.get() : defaultValue;
    }

    /**
     * Returns the PHP truthiness of the value: false when absent, {@code ""} or {@code "0"}, true
     * for any other string (so {@code no} and {@code false} are true). Services whose flags follow
     * iTop's truthiness use it, for example cron's {@code verbose}.
     */
    public boolean getTruthy(String name) {
        return get(name).map(ParameterValues::trim).map(ParameterValues::isTruthy).orElse(false);
    }

    /** Returns whether the trimmed value is exactly {@code 1}: iTop's rule for {@code simulate} and the like. */
    public boolean isOne(String name) {
        return get(name).map(ParameterValues::trim).map("1"::equals).orElse(false);
    }

    /**
     * Returns a strict boolean: {@code 1 true yes on} or {@code 0 false no off}, ignoring case;
     * {@code defaultValue} when absent.
     *
     * @throws InvalidParameterException for any other value, the empty string included
     */
    public boolean getBoolean(String name, boolean defaultValue) {
        Optional<Parameter> parameter = find(name);
        if (parameter.isEmpty()) {
            return defaultValue;
        }
        String value = ParameterValues.trim(parameter.get().value()).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "1", "true", "yes", "on" -> true;
            case "0", "false", "no", "off" -> false;
            default -> throw InvalidParameterException.of(parameter.get(), "one of 1, true, yes, on, 0, false, no, off");
        };
    }

    /**
     * Returns the value as an {@code int}; {@code defaultValue} when absent.
     *
     * @throws InvalidParameterException when the value is not a decimal integer in the {@code int} range
     */
    public int getInt(String name, int defaultValue) {
        return getInt(name, defaultValue, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /**
     * Returns the value as an {@code int} between {@code min} and {@code max} inclusive;
     * {@code defaultValue} when absent (the default itself is not checked).
     *
     * @throws InvalidParameterException when the value is not an integer or is out of range
     */
    public int getInt(String name, int defaultValue, int min, int max) {
        Optional<Parameter> parameter = find(name);
        if (parameter.isEmpty()) {
            return defaultValue;
        }
        long value = parseLong(parameter.get(), "an integer");
        if (value < min || value > max) {
            throw InvalidParameterException.of(parameter.get(), describeRange(min, max));
        }
        return (int) value;
    }

    /**
     * Returns the value as a {@code long}; {@code defaultValue} when absent.
     *
     * @throws InvalidParameterException when the value is not a decimal integer in the {@code long} range
     */
    public long getLong(String name, long defaultValue) {
        return find(name).map(parameter -> parseLong(parameter, "an integer")).orElse(defaultValue);
    }

    private static long parseLong(Parameter parameter, String expected) {
        String value = ParameterValues.trim(parameter.value());
        if (!value.matches("[+-]?[0-9]{1,19}")) {
            throw InvalidParameterException.of(parameter, expected);
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw InvalidParameterException.of(parameter, expected);
        }
    }

    private static String describeRange(int min, int max) {
        if (min == Integer.MIN_VALUE && max == Integer.MAX_VALUE) {
            return "an integer from " + min + " to " + max;
        }
        if (max == Integer.MAX_VALUE) {
            return "an integer of at least " + min;
        }
        if (min == Integer.MIN_VALUE) {
            return "an integer of at most " + max;
        }
        return "an integer from " + min + " to " + max;
    }

    /**
     * Returns the trimmed value when it is one of {@code choices} (compared exactly);
     * {@code defaultValue} when absent.
     *
     * @throws InvalidParameterException naming the valid choices for any other value
     */
    public String getChoice(String name, Collection<String> choices, String defaultValue) {
        Optional<Parameter> parameter = find(name);
        if (parameter.isEmpty()) {
            return defaultValue;
        }
        String value = ParameterValues.trim(parameter.get().value());
        if (!choices.contains(value)) {
            throw InvalidParameterException.of(parameter.get(), "one of " + String.join(", ", choices));
        }
        return value;
    }

    /**
     * Returns the enum constant whose lower-case name equals the trimmed value ({@code output=details}
     * gives {@code DETAILS}); {@code defaultValue} when absent.
     *
     * @throws InvalidParameterException naming the valid choices for any other value
     */
    public <E extends Enum<E>> E getChoice(String name, Class<E> type, E defaultValue) {
        List<String> codes = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            codes.add(constant.name().toLowerCase(Locale.ROOT));
        }
        String chosen = getChoice(name, codes, null);
        return chosen == null ? defaultValue : type.getEnumConstants()[codes.indexOf(chosen)];
    }

    /** The parameter holding the password. */
    public static final String PASSWORD = "auth_pwd";

    /** The parameter naming an environment variable that contains the password. */
    public static final String PASSWORD_VARIABLE = "auth_pwd_env";

    /**
     * Returns these parameters with {@code auth_pwd} read from the environment variable that
     * {@code auth_pwd_env} names, when {@code auth_pwd} itself is absent. A password given this
     * way may contain {@code #} and leading or trailing blanks, and never appears in a file or on
     * a command line. When both are present, {@code auth_pwd} wins. Only the command line may
     * call this: an HTTP request must never make the server read its environment.
     *
     * @throws InvalidParameterException when the named variable is not set
     */
    public Parameters withPasswordFromEnvironment(Map<String, String> environment) {
        Optional<Parameter> variable = find(PASSWORD_VARIABLE);
        if (contains(PASSWORD) || variable.isEmpty()) {
            return this;
        }
        String variableName = ParameterValues.trim(variable.get().value());
        String password = environment.get(variableName);
        if (password == null) {
            throw new InvalidParameterException(PASSWORD_VARIABLE,
                    "Environment variable '" + variableName + "' named by " + PASSWORD_VARIABLE
                            + " (" + variable.get().origin() + ") is not set; export it or give " + PASSWORD);
        }
        return toBuilder().add(PASSWORD, password, ParameterOrigin.environment(variableName)).build();
    }

    // Diagnostics --------------------------------------------------------------------------

    /**
     * Returns the names given as command-line arguments that are not in {@code knownNames}, in
     * name order. The front-end warns about each with {@link Arguments#unknownArgumentWarning(String)}.
     * Unknown keys of files and of the environment are accepted silently.
     */
    public Set<String> unknownArguments(Collection<String> knownNames) {
        Set<String> unknown = new LinkedHashSet<>();
        values.forEach((name, history) -> {
            boolean fromCommandLine = history.stream()
                    .anyMatch(parameter -> parameter.origin().kind() == ParameterOrigin.Kind.ARGUMENT);
            if (fromCommandLine && !knownNames.contains(name)) {
                unknown.add(name);
            }
        });
        return unknown;
    }

    /**
     * Returns one line per parameter, sorted by name: {@code name = 'value' (origin)}, with
     * secret values masked and, when the value replaced others, the origins it replaced.
     */
    public String describe() {
        StringBuilder text = new StringBuilder();
        values.forEach((name, history) -> {
            text.append(history.get(history.size() - 1));
            if (history.size() > 1) {
                String replaced = history.subList(0, history.size() - 1).stream()
                        .map(parameter -> parameter.origin().toString())
                        .collect(Collectors.joining(", "));
                text.append(", replaces ").append(replaced);
            }
            text.append('\n');
        });
        return text.toString();
    }

    /** Returns the winning values on one line, secrets masked. */
    @Override
    public String toString() {
        return values.entrySet().stream()
                .map(entry -> entry.getKey() + "="
                        + SecretNames.quoteOrMask(entry.getKey(), entry.getValue().get(entry.getValue().size() - 1).value()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    /**
     * Collects parameters from their origins. The order of the calls does not matter across kinds
     * of origin; within one kind, a value added later wins.
     */
    public static final class Builder {

        /** Prefix of the environment variables read by {@link #environment(Map)}. */
        public static final String ENVIRONMENT_PREFIX = "ITOP_";

        /** The environment variable naming the configuration file; it is not a parameter. */
        public static final String CONFIG_VARIABLE = "ITOP_CONF";

        private final List<Parameter> added = new ArrayList<>();

        private Builder() {
        }

        public Builder add(Parameter parameter) {
            added.add(parameter);
            return this;
        }

        public Builder add(String name, String value, ParameterOrigin origin) {
            return add(new Parameter(name, value, origin));
        }

        /** Adds default values. */
        public Builder defaults(Map<String, String> defaults) {
            defaults.forEach((name, value) -> add(name, value, ParameterOrigin.defaultValue()));
            return this;
        }

        /** Adds the entries of the configuration file, or of a parameters file, with their lines. */
        public Builder file(ParsedParamFile file) {
            file.entries().forEach(this::add);
            return this;
        }

        /** Adds the entries of every file of a {@code --param_file} list, later files winning. */
        public Builder paramFiles(ParamFiles files) {
            files.entries().forEach(this::add);
            return this;
        }

        /**
         * Adds the environment variables {@code ITOP_<NAME>} as parameters named {@code <name>} in
         * lower case ({@code ITOP_DB_URL} gives {@code db_url}), except {@code ITOP_CONF}.
         * The HTTP front-end must not add them to the parameters of a request: a variable such
         * as {@code ITOP_AUTH_PWD} would then fill in a caller's missing argument.
         */
        public Builder environment(Map<String, String> environment) {
            new TreeMap<>(environment).forEach((variable, value) -> {
                if (variable.startsWith(ENVIRONMENT_PREFIX)
                        && variable.length() > ENVIRONMENT_PREFIX.length()
                        && !variable.equals(CONFIG_VARIABLE)) {
                    String name = variable.substring(ENVIRONMENT_PREFIX.length()).toLowerCase(Locale.ROOT);
                    add(name, value, ParameterOrigin.environment(variable));
                }
            });
            return this;
        }

        /** Adds every {@code --name=value} argument, repetitions included, so that the last one wins. */
        public Builder arguments(Arguments arguments) {
            arguments.all().forEach(argument -> add(argument.toParameter()));
            return this;
        }

        /**
         * Adds the parameters of an HTTP request (query string and form fields, the body already
         * winning over the query string). The HTTP front-end must drop {@code param_file} and
         * {@code auth_pwd_env} first: a request must never make the server read a file or its
         * environment.
         */
        public Builder httpRequest(Map<String, String> requestParameters) {
            requestParameters.forEach((name, value) -> add(name, value, ParameterOrigin.httpRequest()));
            return this;
        }

        public Parameters build() {
            TreeMap<String, List<Parameter>> values = new TreeMap<>();
            for (Parameter parameter : added) {
                values.computeIfAbsent(parameter.name(), name -> new ArrayList<>()).add(parameter);
            }
            values.replaceAll((name, history) -> {
                List<Parameter> sorted = new ArrayList<>(history);
                sorted.sort(BY_PRECEDENCE); // stable: within a kind, insertion order is kept
                return List.copyOf(sorted);
            });
            return new Parameters(values);
        }
    }
}
