package io.github.itopdata.core.db;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A main class run in a separate JVM on the test classpath, with stderr captured in a file.
 *
 * <p>The waits below only keep a broken test from hanging the build; no test asserts on time.
 */
public final class JavaProcess implements AutoCloseable {

    private static final Duration SAFETY_TIMEOUT = Duration.ofMinutes(3);

    private final Process process;
    private final BufferedReader stdout;
    private final Writer stdin;
    private final Path stderrFile;

    private JavaProcess(Process process, Path stderrFile) {
        this.process = process;
        this.stderrFile = stderrFile;
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    public static JavaProcess start(Class<?> mainClass, Path workDirectory, String... args) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                mainClass.getName()));
        command.addAll(List.of(args));
        Path stderrFile = Files.createTempFile(workDirectory, mainClass.getSimpleName(), ".stderr");
        Process process = new ProcessBuilder(command)
                .redirectError(stderrFile.toFile())
                .start();
        return new JavaProcess(process, stderrFile);
    }

    public long pid() {
        return process.pid();
    }

    /** Reads stdout up to the first line that starts with {@code prefix} and returns that line. */
    public String awaitLine(String prefix) throws IOException {
        String line;
        while ((line = stdout.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new AssertionError("The process ended (exit " + exitCode() + ") without printing '" + prefix
                + "'. Its stderr:\n" + stderr());
    }

    /** Waits until stderr contains {@code text}, failing if the process ends first. */
    public void awaitStderr(String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + SAFETY_TIMEOUT.toNanos();
        while (!stderr().contains(text)) {
            if (!process.isAlive()) {
                throw new AssertionError("The process ended without writing '" + text + "'. Its stderr:\n" + stderr());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No '" + text + "' on stderr. It holds:\n" + stderr());
            }
            Thread.sleep(100);
        }
    }

    public void sendLine(String line) throws IOException {
        stdin.write(line + "\n");
        stdin.flush();
    }

    public int exitCode() {
        try {
            if (!process.waitFor(SAFETY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("The process did not end. Its stderr:\n" + stderr());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
        return process.exitValue();
    }

    /** Asks the JVM to stop with SIGTERM, as Ctrl-C or a service manager does, and waits for it to end. */
    public int terminate() {
        process.destroy();
        return exitCode();
    }

    /** Kills the JVM with SIGKILL, so that nothing of it runs: no shutdown hook, no cleanup. */
    public void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public String stderr() {
        try {
            return Files.readString(stderrFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(could not read " + stderrFile + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
