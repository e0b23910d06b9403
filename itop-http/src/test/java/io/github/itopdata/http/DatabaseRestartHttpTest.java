package io.github.itopdata.http;

import static io.github.itopdata.http.TestRequests.basic;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.db.DatabaseSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The endpoint keeps running while its external database stops, and serves again once it is back. */
class DatabaseRestartHttpTest {

    @Test
    void serverSurvivesDatabaseRestart() throws Exception {
        Path dataDirectory = Files.createTempDirectory("itop-restart-pg");
        int port = freePort();
        EmbeddedPostgres postgres = startPostgres(dataDirectory, port);
        try (Database database = Database.open(DatabaseSettings.external(
                "jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "")).migrate()) {
            // A short wait for a connection, so that the requests made while the server is down fail fast.
            ((HikariDataSource) database.dataSource()).getHikariConfigMXBean().setConnectionTimeout(2000);
            TestServer.createUsers(database);
            try (TestServer server = new TestServer(database, TestServer.settings(Files.createTempDirectory("spool")))) {
                assertThat(status(server).statusCode()).isEqualTo(200);

                postgres.close();
                HttpResponse<String> statusWhileDown = status(server);
                HttpResponse<String> serviceWhileDown = callService(server);

                postgres = startPostgres(dataDirectory, port);
                HttpResponse<String> statusAfter = awaitRunning(server);
                HttpResponse<String> serviceAfter = callService(server);

                assertThat(statusWhileDown.statusCode()).isEqualTo(500);
                assertThat(statusWhileDown.body()).startsWith("{\"status\":\"ERROR\",\"code\":100,\"message\":\"Database unavailable: ");
                assertThat(serviceWhileDown.statusCode()).isEqualTo(500);
                assertThat(serviceWhileDown.headers().firstValue("X-Itop-Exit-Code")).contains("1");
                assertThat(statusAfter.statusCode()).isEqualTo(200);
                assertThat(serviceAfter.statusCode()).isEqualTo(200);
                assertThat(serviceAfter.body()).isEqualTo("user=alice\n");
            }
        } finally {
            postgres.close();
            deleteRecursively(dataDirectory);
        }
    }

    private static HttpResponse<String> status(TestServer server) throws Exception {
        return server.requests.get("/webservices/status.php");
    }

    /** Asks the health page until it reports the database running again, the connection pool reconnecting in its own time. */
    private static HttpResponse<String> awaitRunning(TestServer server) throws Exception {
        HttpResponse<String> response = status(server);
        for (int attempt = 0; attempt < 30 && response.statusCode() != 200; attempt++) {
            Thread.sleep(1000);
            response = status(server);
        }
        return response;
    }

    private static HttpResponse<String> callService(TestServer server) throws Exception {
        return server.requests.send(server.requests.to(TestServer.RETURN_PATH)
                .header("Authorization", basic("alice", "pa:ss")).GET());
    }

    private static EmbeddedPostgres startPostgres(Path dataDirectory, int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
