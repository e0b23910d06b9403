package io.github.itopdata.cli;

import io.github.itopdata.core.service.ExitCodes;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Entry point of the {@code itop} launcher: runs the command line and exits with its status. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // Buffered for throughput, flushed at line ends so that progress reaches a pipe as it happens.
        OutputStream stdout = new LineFlushingOutputStream(
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 64 * 1024));
        PrintStream stderr = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);

        CommandRegistry registry;
        try {
            registry = CommandRegistry.discover();
        } catch (IllegalStateException | java.util.ServiceConfigurationError e) {
            stderr.println("ERROR: The commands of this build are inconsistent: " + e.getMessage());
            System.exit(ExitCodes.FAILURE);
            return;
        }

        Launcher launcher = new Launcher(registry, stdout, stderr, System.in,
                Path.of("").toAbsolutePath(), System.getenv());
        System.exit(launcher.run(List.of(args)));
    }
}
