package io.github.itopdata.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the launcher as a real child process, with the test class path, and captures its result. */
final class ItopProcess {

    /** The outcome of one run: exit status, standard output bytes and standard error text. */
    record Result(int exitCode, byte[] stdoutBytes, String stderr) {

        String stdout() {
            return new String(stdoutBytes, StandardCharsets.UTF_8);
        }
    }

    private ItopProcess() {
    }

    /** Runs {@code java io.github.itopdata.cli.Main args} in {@code workingDirectory}. */
    static Result run(Path workingDirectory, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        return start(javaCommand(args), workingDirectory, environment);
    }

    /** Returns the command line that starts the launcher with the test class path. */
    static List<String> javaCommand(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The test class path also contains itop-core's logback-test.xml, so name the launcher's own configuration.
        command.add("-Dlogback.configurationFile=" + ItopProcess.class.getClassLoader().getResource("logback.xml"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        return command;
    }

    /** Runs an arbitrary command line, for the {@code bin/itop} script. */
    static Result start(List<String> command, Path workingDirectory, Map<String, String> environment)
            throws IOException, InterruptedException {
        Path stdout = Files.createTempFile("itop-stdout", ".bin");
        Path stderr = Files.createTempFile("itop-stderr", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("ITOP_"));
            builder.environment().putAll(environment);

            Process process = builder.start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("itop did not end within 5 minutes: " + command);
            }
            return new Result(process.exitValue(), Files.readAllBytes(stdout),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
