package io.github.itopdata.core.service;

/** The exit codes every service shares, on the CLI and in the HTTP header {@code X-Itop-Exit-Code}. */
public final class ExitCodes {

    /** The run went to the end, whatever the row outcomes. */
    public static final int OK = 0;
    /** Unexpected failure: database unreachable, internal error. */
    public static final int FAILURE = 1;
    /** Stopped before any work on an argument, header, class, query or format error. */
    public static final int USAGE = 2;
    /** {@code --exit_code=issues} was given and at least one row ended in error. */
    public static final int ROW_ISSUES = 3;
    /** Refused or stopped by a safety rule: a lock wait that expired, the mass-deletion guard. */
    public static final int SAFETY_STOP = 4;
    /** Unknown synchronization data source. */
    public static final int UNKNOWN_DATA_SOURCE = 253;
    /** Parameters-file error. */
    public static final int PARAM_FILE = 254;
    /** Wrong credentials, missing rights, unreadable input file. */
    public static final int ACCESS = 255;

    private ExitCodes() {
    }
}
