package io.github.itopdata.core.cron;

/** A mandatory cron argument is missing; the front-end prints the message and the usage text, exit 2. */
public class CronArgumentException extends IllegalArgumentException {

    private final String argument;

    public CronArgumentException(String argument) {
        super("ERROR: Missing argument '" + argument + "'");
        this.argument = argument;
    }

    /** Name of the missing argument. */
    public String argument() {
        return argument;
    }
}
