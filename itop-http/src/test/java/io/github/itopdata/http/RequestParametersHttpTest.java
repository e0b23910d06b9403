package io.github.itopdata.http;

import static io.github.itopdata.http.TestRequests.basic;
import static io.github.itopdata.http.TestRequests.fields;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.testing.PostgresExtension;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestParametersHttpTest {

    private static final String ALICE = basic("alice", "pa:ss");

    private TestServer server;
    private TestRequests http;

    @BeforeAll
    void startServer(Database database) throws Exception {
        TestServer.createUsers(database);
        server = new TestServer(database, TestServer.settings(Files.createTempDirectory("itop-http-test")));
        http = server.requests;
    }

    @AfterAll
    void stopServer() throws Exception {
        server.close();
    }

    @Test
    void csvdataInQueryStringIsIgnored() throws Exception {
        HttpResponse<String> response = http.send(http.to(TestServer.RETURN_PATH + "?class=Person&csvdata=name%0AAlice")
                .header("Authorization", ALICE).GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("user=alice\nclass=text:Person\n");
    }

    @Test
    void bodyWinsOverQueryString() throws Exception {
        HttpResponse<String> response = http.send(http.to(TestServer.RETURN_PATH + "?class=Person&separator=;")
                .header("Authorization", ALICE)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("class=Server")));

        assertThat(response.body()).isEqualTo("user=alice\nclass=text:Server\nseparator=text:;\n");
    }

    @Test
    void lastRepeatedParameterWins() throws Exception {
        HttpResponse<String> response = http.send(http.to(TestServer.RETURN_PATH)
                .header("Authorization", ALICE)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("class=Person&class=Server&empty=&plus=a+b%2Bc")));

        assertThat(response.body()).isEqualTo("user=alice\nclass=text:Server\nempty=text:\nplus=text:a b+c\n");
    }

    @Test
    void multipartFieldsAreParameters() throws Exception {
        TestRequests.Multipart body = new TestRequests.Multipart()
                .field("auth_user", "alice")
                .field("auth_pwd", "pa:ss")
                .field("class", "Person")
                .field("csvdata", "name\nAlice");

        HttpResponse<String> response = http.send(http.to(TestServer.RETURN_PATH)
                .header("Content-Type", TestRequests.Multipart.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.build())));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("user=alice\nclass=text:Person\ncsvdata=text:name\nAlice\n");
    }

    @Test
    void multipartCsvdataFilePartIsUsedAsData() throws Exception {
        byte[] csv = "name;first_name\nDupont;Jean\n".getBytes(StandardCharsets.UTF_8);
        TestRequests.Multipart body = new TestRequests.Multipart()
                .field("class", "Person")
                .file("csvdata", "p.csv", csv)
                .file("other", "other.csv", csv);

        HttpResponse<String> response = http.send(http.to(TestServer.RETURN_PATH)
                .header("Authorization", ALICE)
                .header("Content-Type", TestRequests.Multipart.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.build())));

        assertThat(response.body()).isEqualTo("user=alice\nclass=text:Person\ncsvdata=text:name;first_name\nDupont;Jean\n\n");
    }

    @Test
    void csvfileIsNeverPassedOverHttp() throws Exception {
        HttpResponse<String> response = http.postForm(TestServer.RETURN_PATH,
                fields("auth_user", "alice", "auth_pwd", "pa:ss", "class", "Person", "csvfile", "/etc/passwd"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("user=alice\nclass=text:Person\n");
    }

    @Test
    void paramFileIsIgnoredWithWarningLine() throws Exception {
        HttpResponse<String> response = http.postForm(TestServer.RETURN_PATH,
                fields("auth_user", "alice", "auth_pwd", "pa:ss", "param_file", "/var/www/conf/x.params",
                        "class", "Person"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(
                "#Warning: param_file is not accepted over HTTP\nuser=alice\nclass=text:Person\n");
    }

    @Test
    void paramFileDoesNotAuthenticate() throws Exception {
        HttpResponse<String> response = http.get(TestServer.RETURN_PATH + "?param_file=/etc/itop/cron.params");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("Invalid login\n");
    }

    @Test
    void responseCarriesNoCacheHeadersAndExactLength() throws Exception {
        HttpResponse<String> response = http.send(http.to(TestServer.RETURN_PATH).header("Authorization", ALICE).GET());

        assertThat(response.headers().firstValue("Content-Type")).contains("text/plain; charset=utf-8");
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-cache, no-store, must-revalidate");
        assertThat(response.headers().firstValue("Pragma")).contains("no-cache");
        assertThat(response.headers().firstValue("Expires")).contains("0");
        assertThat(response.headers().firstValue("X-Frame-Options")).contains("SAMEORIGIN");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(response.headers().firstValue("Content-Length"))
                .contains(Integer.toString(response.body().getBytes(StandardCharsets.UTF_8).length));
        assertThat(response.body()).endsWith("\n");
    }

    @Test
    void otherMethodsAreNotAllowed() throws Exception {
        HttpResponse<String> response = http.send(http.to(TestServer.RETURN_PATH)
                .header("Authorization", ALICE)
                .PUT(HttpRequest.BodyPublishers.ofString("x")));

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).contains("GET, POST");
        assertThat(response.body()).contains("use GET or POST");
    }

    @Test
    void unknownPathIsNotFound() throws Exception {
        HttpResponse<String> response = http.get("/webservices/nothing.php");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("Not found: /webservices/nothing.php\n");
    }

    @Test
    void statusPageReportsRunningDatabase() throws Exception {
        HttpResponse<String> response = http.get("/webservices/status.php");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(response.body()).isEqualTo("{\"status\":\"RUNNING\",\"code\":0,\"message\":\"\"}");
    }

    @Test
    void largeFormFieldIsSpooledToFile() throws Exception {
        String csv = "name;first_name\n" + "Dupont;Jean\n".repeat(200_000);
        String digest = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(csv.getBytes(StandardCharsets.UTF_8)));

        HttpResponse<String> response = http.postForm(TestServer.RETURN_PATH,
                fields("auth_user", "alice", "auth_pwd", "pa:ss", "csvdata", csv));

        assertThat(response.body()).isEqualTo("user=alice\ncsvdata=file:" + csv.length() + ":" + digest + "\n");
    }

    @Test
    void largeMultipartFileIsSpooledToFile() throws Exception {
        byte[] csv = ("name;first_name\n" + "Dupont;Jean\n".repeat(200_000)).getBytes(StandardCharsets.ISO_8859_1);
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(csv));
        TestRequests.Multipart body = new TestRequests.Multipart().file("csvdata", "big.csv", csv);

        HttpResponse<String> response = http.send(http.to(TestServer.RETURN_PATH)
                .header("Authorization", ALICE)
                .header("Content-Type", TestRequests.Multipart.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.build())));

        assertThat(response.body()).isEqualTo("user=alice\ncsvdata=file:" + csv.length + ":" + digest + "\n");
    }

    @Test
    void nonUtf8BytesReachServiceUnchanged() throws Exception {
        byte[] latin1 = ("name\n" + "Jérôme\n".repeat(20)).getBytes(StandardCharsets.ISO_8859_1);
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(latin1));
        TestRequests.Multipart body = new TestRequests.Multipart().file("csvdata", "latin1.csv", latin1);

        HttpResponse<String> response = http.send(http.to(TestServer.RETURN_PATH + "?charset=ISO-8859-1")
                .header("Authorization", ALICE)
                .header("Content-Type", TestRequests.Multipart.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.build())));

        assertThat(response.body()).isEqualTo("user=alice\ncharset=text:ISO-8859-1\ncsvdata=memory:" + latin1.length
                + ":" + digest + "\n");
    }
}
