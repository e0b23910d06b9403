package io.github.itopdata.paramfile;

/**
 * A parameter has a value its service cannot use. The message names the parameter, shows the
 * value (masked when secret), says where it came from and what is expected, for example
 * {@code Invalid value 'abc' for 'max_chunk_size' (command-line argument #3): expected an integer}.
 *
 * <p>The service prints it after {@code ERROR: } and exits with {@link #EXIT_CODE}.
 */
public class InvalidParameterException extends IllegalArgumentException {

    /** The process exit status after an argument error. */
    public static final int EXIT_CODE = 2;

    private final String name;

    public InvalidParameterException(String name, String message) {
        super(message);
        this.name = name;
    }

    InvalidParameterException(String name, String message, Throwable cause) {
        super(message, cause);
        this.name = name;
    }

    static InvalidParameterException of(Parameter parameter, String expected) {
        return new InvalidParameterException(parameter.name(),
                "Invalid value " + SecretNames.quoteOrMask(parameter.name(), parameter.value())
                        + " for '" + parameter.name() + "' (" + parameter.origin() + "): expected " + expected);
    }

    /** The name of the parameter. */
    public String name() {
        return name;
    }

    public int exitCode() {
        return EXIT_CODE;
    }
}
