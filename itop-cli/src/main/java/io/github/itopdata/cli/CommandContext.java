package io.github.itopdata.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * The resources a command may use besides its parameters: the standard streams, the working directory that
 * relative paths resolve against, and the environment.
 *
 * @param stdout where the command's output goes, byte for byte; nothing else is written there
 * @param stderr where warnings and diagnostics go, UTF-8 encoded
 * @param stdin the standard input
 * @param workingDirectory the directory the launcher was started from
 * @param environment the process environment
 */
public record CommandContext(
        OutputStream stdout, PrintStream stderr, InputStream stdin, Path workingDirectory, Map<String, String> environment) {
}
