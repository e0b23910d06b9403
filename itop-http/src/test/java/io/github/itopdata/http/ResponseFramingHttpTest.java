package io.github.itopdata.http;

import static io.github.itopdata.http.TestRequests.basic;
import static io.github.itopdata.http.TestRequests.fields;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.testing.PostgresExtension;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponseFramingHttpTest {

    private TestServer server;
    private HttpClient client;

    @BeforeAll
    void start(Database database) throws Exception {
        TestServer.createUsers(database);
        server = new TestServer(database, TestServer.settings(Files.createTempDirectory("itop-http-test")));
        client = new HttpClient();
        client.start();
    }

    @AfterAll
    void stop() throws Exception {
        client.stop();
        server.close();
    }

    private ContentResponse stream(int lines) throws Exception {
        return client.newRequest(server.server.baseUri().resolve(StreamingService.PATH + "?lines=" + lines))
                .headers(headers -> headers.put(HttpHeader.AUTHORIZATION, basic("alice", "pa:ss")))
                .timeout(60, TimeUnit.SECONDS)
                .send();
    }

    @Test
    void outOfMemoryGivesOneErrorLine() throws Exception {
        ContentResponse response = client.newRequest(server.server.baseUri().resolve(StreamingService.PATH
                        + "?lines=2&memory=exhausted"))
                .headers(headers -> headers.put(HttpHeader.AUTHORIZATION, basic("alice", "pa:ss")))
                .timeout(60, TimeUnit.SECONDS)
                .send();
        ContentResponse next = stream(1);

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getHeaders().get("X-Itop-Exit-Code")).isEqualTo("1");
        assertThat(response.getContentAsString()).startsWith("ERROR: Out of memory: the request needed more than the"
                + " server's Java heap limit of ").endsWith(" MiB; send less data per request, or start itop serve"
                + " with a larger limit (ITOP_JAVA_OPTS=-Xmx...)\n");
        assertThat(next.getStatus()).isEqualTo(200);
    }

    @Test
    void shortResponseHasLengthAndHeaders() throws Exception {
        ContentResponse response = stream(3);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeaders().get(HttpHeader.CONTENT_LENGTH))
                .isEqualTo(Integer.toString(response.getContent().length));
        assertThat(response.getHeaders().get("X-Itop-Exit-Code")).isEqualTo("0");
        assertThat(response.getHeaders().get("X-Itop-Error-Count")).isEqualTo("5");
        assertThat(response.getTrailers()).isNull();
    }

    @Test
    void longResponseIsChunkedWithExitCodeTrailer() throws Exception {
        int lines = 50_000;

        ContentResponse response = stream(lines);

        String body = response.getContentAsString();
        HttpFields trailers = response.getTrailers();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeaders().get(HttpHeader.CONTENT_LENGTH)).isNull();
        assertThat(response.getHeaders().get(HttpHeader.TRANSFER_ENCODING)).isEqualTo("chunked");
        assertThat(response.getHeaders().get("Trailer")).contains("X-Itop-Exit-Code");
        assertThat(body.lines().count()).isEqualTo(lines);
        assertThat(body).endsWith("line " + (lines - 1) + " of the streamed report\n");
        assertThat(trailers).isNotNull();
        assertThat(trailers.get("X-Itop-Exit-Code")).isEqualTo("0");
        assertThat(trailers.get("X-Itop-Error-Count")).isEqualTo("5");
    }

    @Test
    void repeatedFailuresAreDelayedPerLoginAndAddress() throws Exception {
        server.loginDelays.clear();
        TestRequests http = server.requests;
        for (int attempt = 0; attempt < 7; attempt++) {
            http.postForm(TestServer.RETURN_PATH, fields("auth_user", "guesser", "auth_pwd", "guess-" + attempt));
        }

        assertThat(server.loginDelays).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }
}
