package io.github.itopdata.core.db;

import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * The data directory of the embedded server stayed locked by another command for longer than
 * the configured wait (setting {@code data_dir_lock_wait}).
 */
public final class DataDirectoryLockedException extends DatabaseException {

    private final Path dataDirectory;
    private final OptionalLong holderPid;
    private final String holderCommand;

    public DataDirectoryLockedException(Path dataDirectory, OptionalLong holderPid, String holderCommand, Duration waited) {
        super("The data directory " + dataDirectory + " is in use by " + describeHolder(holderPid, holderCommand)
                + "; gave up after waiting " + waited.toSeconds() + " s. Wait for that command to end"
                + " (a running 'itop serve' takes requests over HTTP instead), raise data_dir_lock_wait,"
                + " or give this command another data_dir.");
        this.dataDirectory = dataDirectory;
        this.holderPid = holderPid;
        this.holderCommand = holderCommand;
    }

    /** Describes a lock holder as {@code pid 1234 (itop serve)}, or as unknown. */
    public static String describeHolder(OptionalLong pid, String command) {
        if (pid.isEmpty()) {
            return "another command (its pid is not recorded yet)";
        }
        return "pid " + pid.getAsLong() + " (" + (command.isEmpty() ? "command unknown" : command) + ")";
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Returns the process id of the command that has the lock, when it recorded one. */
    public OptionalLong holderPid() {
        return holderPid;
    }

    /** Returns the command line of the holder, secrets masked, or an empty string when unknown. */
    public String holderCommand() {
        return holderCommand;
    }
}
