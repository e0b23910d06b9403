package io.github.itopdata.core.db;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A command run in its own JVM by the lifecycle tests: opens the embedded database of a data
 * directory, records its pid in {@code itop_setting}, prints {@code READY <port>} on stdout, then
 * keeps the database open until it reads a line on stdin.
 *
 * <p>Arguments: the data directory and the lock wait in seconds. Exits 1 with the message on
 * stderr when the database cannot be opened, as the launcher does.
 */
public final class DatabaseProbe {

    private DatabaseProbe() {
    }

    public static void main(String[] args) throws Exception {
        DatabaseSettings settings = DatabaseSettings.embedded(Path.of(args[0]))
                .withLockWait(Duration.ofSeconds(Long.parseLong(args[1])));
        Database database;
        try {
            database = Database.open(settings).migrate();
        } catch (DatabaseException e) {
            System.err.println("Error: " + e.getMessage());
            System.exit(1);
            return;
        }
        String pid = Long.toString(ProcessHandle.current().pid());
        database.jdbi().useHandle(handle -> handle.execute(
                "INSERT INTO itop_setting (name, value) VALUES ('probe-' || ?, ?)", pid, "written"));
        int port = database.jdbi().withHandle(handle -> handle.createQuery("SELECT inet_server_port()")
                .mapTo(Integer.class).one());
        System.out.println("READY " + port);
        System.out.flush();

        BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        input.readLine();
        database.close();
        System.out.println("CLOSED");
    }
}
