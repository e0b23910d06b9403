package io.github.itopdata.core.model;

import java.util.List;

/** Raised when a class name is not in the model; the message lists the closest names. */
public class UnknownClassException extends IllegalArgumentException {

    private final String className;
    private final List<String> closeNames;

    /** Creates the exception for {@code className}, suggesting {@code closeNames}. */
    public UnknownClassException(String className, List<String> closeNames) {
        super("Unknown class '" + className + "'"
                + (closeNames.isEmpty() ? "" : ". Did you mean: " + String.join(", ", closeNames) + "?"));
        this.className = className;
        this.closeNames = List.copyOf(closeNames);
    }

    /** Returns the name that was not found. */
    public String className() {
        return className;
    }

    /** Returns the model's class names closest to the one not found, best first. */
    public List<String> closeNames() {
        return closeNames;
    }
}
