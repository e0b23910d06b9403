package io.github.itopdata.http;

import static io.github.itopdata.http.TestRequests.basic;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.testing.PostgresExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LimitsHttpTest {

    private static final String ALICE = basic("alice", "pa:ss");
    private static final long SMALL_BODY_LIMIT = 1024 * 1024;

    private Database database;

    @BeforeAll
    void createUsers(Database database) {
        this.database = database;
        TestServer.createUsers(database);
    }

    private TestServer start(HttpSettings settings) throws Exception {
        return new TestServer(database, settings);
    }

    private static HttpSettings defaults() throws IOException {
        return TestServer.settings(Files.createTempDirectory("itop-http-test"));
    }

    @Test
    void declaredBodyOverLimitIsRejected() throws Exception {
        try (TestServer server = start(defaults().withMaxBodyBytes(SMALL_BODY_LIMIT))) {
            byte[] body = ("csvdata=" + "x".repeat((int) SMALL_BODY_LIMIT)).getBytes(StandardCharsets.US_ASCII);

            HttpResponse<String> response = server.requests.send(server.requests.to(TestServer.RETURN_PATH)
                    .header("Authorization", ALICE)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.body()).isEqualTo("Request body too large (limit 1048576 bytes)\n");
            assertThat(server.returnService.calls.get()).isZero();
        }
    }

    @Test
    void chunkedBodyOverLimitIsRejected() throws Exception {
        try (TestServer server = start(defaults().withMaxBodyBytes(SMALL_BODY_LIMIT))) {
            String chunk = Long.toHexString(SMALL_BODY_LIMIT + 100);
            String head = "POST " + TestServer.RETURN_PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: " + ALICE + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + chunk + "\r\n";
            byte[] data = ("csvdata=" + "y".repeat((int) SMALL_BODY_LIMIT + 92)).getBytes(StandardCharsets.US_ASCII);
            byte[] request = concat(head.getBytes(StandardCharsets.US_ASCII), data,
                    "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

            String response = RawHttp.exchange(server.server.port(), request);

            assertThat(response).startsWith("HTTP/1.1 413 ");
            assertThat(response).contains("Request body too large (limit 1048576 bytes)");
            assertThat(server.returnService.calls.get()).isZero();
            assertThat(spoolFiles(server)).isEmpty();
        }
    }

    @Test
    void bodyOfTwentyMegabytesIsAcceptedByDefault() throws Exception {
        try (TestServer server = start(defaults())) {
            byte[] csv = new byte[20 * 1024 * 1024];
            java.util.Arrays.fill(csv, (byte) 'z');
            TestRequests.Multipart body = new TestRequests.Multipart().file("csvdata", "big.csv", csv);

            HttpResponse<String> response = server.requests.send(server.requests.to(TestServer.RETURN_PATH)
                    .header("Authorization", ALICE)
                    .header("Content-Type", TestRequests.Multipart.contentType())
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.build()))));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).startsWith("user=alice\ncsvdata=file:" + csv.length + ":");
        }
    }

    @Test
    void malformedMultipartIsRejectedCleanly() throws Exception {
        try (TestServer server = start(defaults())) {
            byte[] body = ("--" + TestRequests.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"csvdata\"\r\n\r\n"
                    + "name\nAlice\r\n--" + TestRequests.BOUNDARY + "garbage without end").getBytes(StandardCharsets.UTF_8);

            HttpResponse<String> response = server.requests.send(server.requests.to(TestServer.RETURN_PATH)
                    .header("Authorization", ALICE)
                    .header("Content-Type", TestRequests.Multipart.contentType())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).startsWith("Malformed multipart body: ");
            assertThat(response.headers().firstValue("X-Itop-Exit-Code")).isPresent();
            assertThat(server.returnService.calls.get()).isZero();
            assertThat(spoolFiles(server)).isEmpty();
        }
    }

    @Test
    void multipartWithoutBoundaryIsRejected() throws Exception {
        try (TestServer server = start(defaults())) {
            HttpResponse<String> response = server.requests.send(server.requests.to(TestServer.RETURN_PATH)
                    .header("Authorization", ALICE)
                    .header("Content-Type", "multipart/form-data")
                    .POST(HttpRequest.BodyPublishers.ofString("anything")));

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).isEqualTo("Malformed multipart body: the Content-Type header has no boundary\n");
        }
    }

    @Test
    void malformedPercentEscapeIsRejected() throws Exception {
        try (TestServer server = start(defaults())) {
            HttpResponse<String> response = server.requests.send(server.requests.to(TestServer.RETURN_PATH)
                    .header("Authorization", ALICE)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("class=Per%zzson")));

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).startsWith("Malformed form body: invalid percent escape");
            assertThat(server.returnService.calls.get()).isZero();
        }
    }

    @Test
    void headersOverLimitAreRejected() throws Exception {
        try (TestServer server = start(defaults().withMaxHeaderBytes(4096))) {
            HttpResponse<String> response = server.requests.send(server.requests.to(TestServer.RETURN_PATH)
                    .header("Authorization", ALICE)
                    .header("X-Padding", "p".repeat(8000))
                    .GET());

            assertThat(response.statusCode()).isEqualTo(431);
            assertThat(response.body()).isEqualTo("Request headers too large (limit 4096 bytes)\n");
        }
    }

    @Test
    void twentyConcurrentRequestsAllSucceed() throws Exception {
        try (TestServer server = start(defaults())) {
            ExecutorService clients = Executors.newFixedThreadPool(20);
            try {
                List<Future<HttpResponse<String>>> responses = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    String csv = "name\nperson-" + i + "\n";
                    String login = i % 2 == 0 ? "alice" : "admin";
                    String password = i % 2 == 0 ? "pa:ss" : "admin-pw";
                    responses.add(clients.submit(() -> server.requests.postForm(TestServer.RETURN_PATH,
                            TestRequests.fields("auth_user", login, "auth_pwd", password, "csvdata", csv))));
                }

                for (int i = 0; i < 20; i++) {
                    HttpResponse<String> response = responses.get(i).get(120, TimeUnit.SECONDS);
                    String login = i % 2 == 0 ? "alice" : "admin";
                    assertThat(response.statusCode()).as("request %d", i).isEqualTo(200);
                    assertThat(response.body()).as("request %d", i)
                            .isEqualTo("user=" + login + "\ncsvdata=text:name\nperson-" + i + "\n\n");
                }
                assertThat(server.returnService.calls.get()).isEqualTo(20);
            } finally {
                clients.shutdownNow();
            }
        }
    }

    @Test
    void clientLeavingMidUploadLeavesNothing() throws Exception {
        try (TestServer server = start(defaults())) {
            String headers = "POST " + TestServer.RETURN_PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: " + ALICE + "\r\nContent-Type: " + TestRequests.Multipart.contentType() + "\r\n"
                    + "Content-Length: 50000000\r\n\r\n";
            byte[] start = ("--" + TestRequests.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"csvdata\";"
                    + " filename=\"p.csv\"\r\n\r\n" + "name\nAlice\n".repeat(100_000)).getBytes(StandardCharsets.UTF_8);

            RawHttp.sendPartially(server.server.port(), headers, start);
            HttpResponse<String> after = server.requests.send(server.requests.to(TestServer.RETURN_PATH)
                    .header("Authorization", ALICE).GET());

            assertThat(after.statusCode()).isEqualTo(200);
            assertThat(server.returnService.calls.get()).isEqualTo(1);
            awaitNoSpoolFiles(server);
        }
    }

    @Test
    void clientLeavingMidFormUploadLeavesNothing() throws Exception {
        try (TestServer server = start(defaults())) {
            String headers = "POST " + TestServer.RETURN_PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: " + ALICE + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: 50000000\r\n\r\n";
            byte[] start = ("class=Person&csvdata=" + "name%0AAlice%0A".repeat(100_000)).getBytes(StandardCharsets.UTF_8);

            RawHttp.sendPartially(server.server.port(), headers, start);
            HttpResponse<String> after = server.requests.send(server.requests.to(TestServer.RETURN_PATH)
                    .header("Authorization", ALICE).GET());

            assertThat(after.statusCode()).isEqualTo(200);
            assertThat(server.returnService.calls.get()).isEqualTo(1);
            awaitNoSpoolFiles(server);
        }
    }

    @Test
    void busyServerRejectsExtraRequest() throws Exception {
        try (TestServer server = start(defaults().withConcurrency(1, 0, Duration.ofSeconds(1)))) {
            CompletableFuture<HttpResponse<String>> blocked = sendAsync(server, BlockingService.PATH);
            assertThat(server.blockingService.entered.await(30, TimeUnit.SECONDS)).isTrue();

            HttpResponse<String> rejected = server.requests.send(server.requests.to(TestServer.RETURN_PATH)
                    .header("Authorization", ALICE).GET());
            server.blockingService.release.countDown();

            assertThat(rejected.statusCode()).isEqualTo(503);
            assertThat(rejected.body()).startsWith("Server busy: 1 requests are running");
            assertThat(blocked.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void slowServiceTimesOut() throws Exception {
        try (TestServer server = start(defaults().withRequestTimeout(Duration.ofSeconds(1)))) {
            HttpResponse<String> response = server.requests.send(server.requests.to(BlockingService.PATH)
                    .header("Authorization", ALICE).GET());

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).isEqualTo("Request timed out after 1 s (limit http_request_timeout)\n");
            assertThat(response.headers().firstValue("X-Itop-Exit-Code")).contains("1");
        }
    }

    @Test
    void slowUploadTimesOut() throws Exception {
        try (TestServer server = start(defaults().withRequestTimeout(Duration.ofSeconds(1)))) {
            String headers = "POST " + TestServer.RETURN_PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: " + ALICE + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: 1000\r\nConnection: close\r\n\r\nclass=Person";

            String response = RawHttp.exchange(server.server.port(), headers.getBytes(StandardCharsets.US_ASCII));

            assertThat(response).startsWith("HTTP/1.1 408 ");
            assertThat(response).contains("Request timed out after 1 s while receiving the body");
            assertThat(server.returnService.calls.get()).isZero();
        }
    }

    @Test
    void quietServiceOutlivesIdleTimeout() throws Exception {
        try (TestServer server = start(defaults().withIdleTimeout(Duration.ofMillis(500)))) {
            CompletableFuture<HttpResponse<String>> running = sendAsync(server, BlockingService.PATH);
            assertThat(server.blockingService.entered.await(30, TimeUnit.SECONDS)).isTrue();
            // Longer than the idle timeout, with no byte exchanged on the connection.
            Thread.sleep(1500);
            server.blockingService.release.countDown();

            HttpResponse<String> response = running.get(30, TimeUnit.SECONDS);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("released\n");
        }
    }

    @Test
    void stopLetsRunningRequestFinish() throws Exception {
        TestServer server = start(defaults());
        CompletableFuture<HttpResponse<String>> running = sendAsync(server, BlockingService.PATH);
        assertThat(server.blockingService.entered.await(30, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> {
            try {
                server.server.stop();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        server.blockingService.release.countDown();

        HttpResponse<String> response = running.get(30, TimeUnit.SECONDS);
        stopping.get(60, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("released\n");
    }

    private static CompletableFuture<HttpResponse<String>> sendAsync(TestServer server, String path) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return server.requests.send(server.requests.to(path).header("Authorization", ALICE).GET());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    private static List<Path> spoolFiles(TestServer server) throws IOException {
        try (Stream<Path> files = Files.walk(server.server.spoolDirectory())) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    /** Waits for the server to notice the broken connection and delete what it had spooled. */
    private static void awaitNoSpoolFiles(TestServer server) throws Exception {
        for (int attempt = 0; attempt < 200 && !spoolFiles(server).isEmpty(); attempt++) {
            Thread.sleep(50);
        }
        assertThat(spoolFiles(server)).isEmpty();
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }
}
