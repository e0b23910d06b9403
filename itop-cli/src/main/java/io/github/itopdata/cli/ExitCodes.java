package io.github.itopdata.cli;

/** The exit statuses shared by every command of the launcher. */
public final class ExitCodes {

    /** The run went to the end, whatever the row outcomes; also {@code --help}. */
    public static final int OK = 0;

    /** Unexpected failure: database unreachable, internal error, or a service not available in this build. */
    public static final int FAILURE = 1;

    /** Stopped before any work on an argument, header, class, query or format error. */
    public static final int USAGE = 2;

    /** {@code --exit_code=issues} was given and at least one row ended in error. */
    public static final int ISSUES = 3;

    /** Refused or stopped by a safety rule, such as a synchronization lock that could not be taken. */
    public static final int REFUSED = 4;

    /** Unknown data source (synchronization). */
    public static final int UNKNOWN_DATA_SOURCE = 253;

    /** A parameters file or the configuration file could not be used. */
    public static final int PARAM_FILE_ERROR = 254;

    /** Wrong credentials, missing rights, or an unreadable input file. */
    public static final int ACCESS_DENIED = 255;

    private ExitCodes() {
    }
}
