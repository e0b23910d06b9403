package io.github.itopdata.paramfile;

/**
 * A mandatory parameter is given neither by a file nor by an argument. The message is
 * {@code Missing argument '<name>'}; an empty value is present, not missing.
 */
public final class MissingParameterException extends InvalidParameterException {

    public MissingParameterException(String name) {
        super(name, "Missing argument '" + name + "'");
    }
}
