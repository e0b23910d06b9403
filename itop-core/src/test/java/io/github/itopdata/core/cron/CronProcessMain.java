package io.github.itopdata.core.cron;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.db.DatabaseSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

/**
 * Entry point of the separate JVMs started by {@link CronProcessesTest}, so that two cron loops
 * or two queue workers really run in two processes with their own database sessions.
 *
 * <p>Arguments: {@code <jdbc url> cron <max seconds> <smtp port> <hold file|-> <release file|->}
 * runs the cron service with the built-in processes, plus, when files are given, a process that
 * creates the hold file and waits for the release file; {@code <jdbc url> drain <smtp port>
 * <start file>} waits for the start file, then drains the e-mail queue without the cron lock.
 */
public final class CronProcessMain {

    private CronProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        int exitCode;
        try (Database database = Database.open(DatabaseSettings.external(args[0], "postgres", ""))) {
            exitCode = switch (args[1]) {
                case "cron" -> runCron(database, Integer.parseInt(args[2]), Integer.parseInt(args[3]), args[4], args[5]);
                case "drain" -> drain(database, Integer.parseInt(args[2]), Path.of(args[3]));
                default -> throw new IllegalArgumentException("Unknown mode " + args[1] + ": expected cron or drain");
            };
        }
        System.exit(exitCode);
    }

    private static CronSettings settings(int smtpPort) {
        return CronSettings.defaults()
                .withTimeZone(ZoneId.of("UTC"))
                .withSleep(Duration.ofSeconds(1))
                .withSmtp(SmtpSettings.plain("127.0.0.1", smtpPort, "itop@example.org"));
    }

    private static int runCron(Database database, int maxSeconds, int smtpPort, String holdFile, String releaseFile) {
        CronSettings settings = settings(smtpPort).withMaxExecutionTime(Duration.ofSeconds(maxSeconds));
        Clock clock = Clock.system(settings.timeZone());
        ProcessRegistry registry = ProcessRegistry.withBuiltIns(database, settings, clock);
        if (!holdFile.equals("-")) {
            registry.register(new HoldProcess(Path.of(holdFile), Path.of(releaseFile)));
        }
        CronService service = new CronService(database, settings, registry, new TestAuthenticator());
        return service.runCommandLine(Map.of("auth_user", "admin", "auth_pwd", "secret", "verbose", "1"), System.out);
    }

    private static int drain(Database database, int smtpPort, Path startFile) throws Exception {
        CronSettings settings = settings(smtpPort);
        BackgroundProcess exec = ProcessRegistry.withBuiltIns(database, settings, Clock.systemUTC())
                .find("ExecAsyncTask").orElseThrow();
        waitFor(startFile);
        System.out.println(exec.process(Instant.now().plusSeconds(120)));
        return 0;
    }

    private static void waitFor(Path file) throws InterruptedException {
        Instant giveUp = Instant.now().plusSeconds(120);
        while (!Files.exists(file)) {
            if (Instant.now().isAfter(giveUp)) {
                throw new IllegalStateException("Timed out waiting for " + file);
            }
            Thread.sleep(20);
        }
    }

    /** Signals that the loop holds the lock by creating a file, then waits for the test's go-ahead. */
    private static final class HoldProcess implements PeriodicProcess {
        private final Path holdFile;
        private final Path releaseFile;

        HoldProcess(Path holdFile, Path releaseFile) {
            this.holdFile = holdFile;
            this.releaseFile = releaseFile;
        }

        @Override
        public String name() {
            return "HoldProcess";
        }

        @Override
        public Duration periodicity() {
            return Duration.ofHours(1);
        }

        @Override
        public String process(Instant deadline) throws Exception {
            Files.createFile(holdFile);
            waitFor(releaseFile);
            return "released";
        }
    }
}
