package io.github.itopdata.http;

import static io.github.itopdata.http.TestRequests.basic;
import static io.github.itopdata.http.TestRequests.fields;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.core.auth.Authenticator;
import io.github.itopdata.core.auth.ThrottlePolicy;
import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.imports.ImportService;
import io.github.itopdata.core.model.DefaultModel;
import io.github.itopdata.core.store.SchemaMapping;
import io.github.itopdata.core.store.StoreSchema;
import io.github.itopdata.core.testing.PostgresExtension;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The real import service behind the endpoint, at {@code /webservices/import.php}. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportOverHttpTest {

    private static final String PATH = "/webservices/import.php";
    private static final String ALICE = basic("alice", "pa:ss");

    private Database database;
    private ItopHttpServer server;
    private TestRequests http;

    @BeforeAll
    void start(Database database) throws Exception {
        this.database = database;
        SchemaMapping schema = SchemaMapping.of(DefaultModel.load());
        StoreSchema.apply(database.jdbi(), schema);
        TestServer.createUsers(database);
        Authenticator authenticator = new Authenticator(database.jdbi(), ThrottlePolicy.DEFAULT, duration -> { });
        server = new ItopHttpServer(TestServer.settings(Files.createTempDirectory("itop-http-test")), database,
                authenticator, ItopServiceEndpoint.all(List.of(new ImportService()), database, schema)).start();
        http = new TestRequests(server.baseUri());
    }

    @AfterAll
    void stop() throws Exception {
        server.stop();
    }

    private int organizations(String code) {
        return database.jdbi().withHandle(handle -> handle
                .createQuery("SELECT count(*) FROM obj_organization WHERE code = :code")
                .bind("code", code)
                .mapTo(Integer.class)
                .one());
    }

    @Test
    void formPostImportsRows() throws Exception {
        HttpResponse<String> response = http.postForm(PATH, fields("auth_user", "alice", "auth_pwd", "pa:ss",
                "class", "Organization", "separator", ";", "csvdata", "name;code\nForm Org;FORM1\n"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("text/plain; charset=utf-8");
        assertThat(response.headers().firstValue("X-Itop-Exit-Code")).contains("0");
        assertThat(response.headers().firstValue("X-Frame-Options")).contains("SAMEORIGIN");
        assertThat(response.headers().allValues("X-Frame-Options")).hasSize(1);
        assertThat(response.body()).startsWith("#Output format: summary\n#Class: Organization\n");
        assertThat(organizations("FORM1")).isEqualTo(1);
    }

    @Test
    void multipartFilePartIsImported() throws Exception {
        byte[] csv = "name;code\nFile Org;FILE1\n".getBytes(StandardCharsets.UTF_8);
        TestRequests.Multipart body = new TestRequests.Multipart()
                .field("class", "Organization")
                .field("separator", ";")
                .file("csvdata", "orgs.csv", csv);

        HttpResponse<String> response = http.send(http.to(PATH)
                .header("Authorization", ALICE)
                .header("Content-Type", TestRequests.Multipart.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.build())));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Itop-Exit-Code")).contains("0");
        assertThat(organizations("FILE1")).isEqualTo(1);
    }

    @Test
    void csvdataInQueryGivesMissingData() throws Exception {
        HttpResponse<String> response = http.send(http.to(PATH + "?class=Organization&csvdata=name%0AAlice")
                .header("Authorization", ALICE).GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("#Missing data - at least one line is expected");
    }

    @Test
    void csvfileIsNotReadOverHttp() throws Exception {
        HttpResponse<String> response = http.postForm(PATH, fields("auth_user", "alice", "auth_pwd", "pa:ss",
                "class", "Organization", "csvfile", "/etc/passwd"));

        assertThat(response.body()).contains("#Missing data - at least one line is expected");
        assertThat(response.body()).doesNotContain("root:");
    }

    @Test
    void paramFileWarningStartsOutput() throws Exception {
        HttpResponse<String> response = http.postForm(PATH, fields("auth_user", "alice", "auth_pwd", "pa:ss",
                "param_file", "/var/www/conf/x.params", "class", "Organization", "separator", ";",
                "csvdata", "name;code\nParam Org;PARAM1\n"));

        assertThat(response.body()).startsWith("#Warning: param_file is not accepted over HTTP\n#Output format:");
        assertThat(response.body().split("#Warning: param_file", -1)).hasSize(2);
        assertThat(organizations("PARAM1")).isEqualTo(1);
    }

    @Test
    void wrongPasswordGivesInvalidLogin() throws Exception {
        HttpResponse<String> response = http.postForm(PATH, fields("auth_user", "alice", "auth_pwd", "wrong",
                "class", "Organization", "csvdata", "name;code\nNope;NOPE1\n"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("Invalid login\n");
        assertThat(response.headers().firstValue("X-Itop-Exit-Code")).contains("255");
        assertThat(organizations("NOPE1")).isZero();
    }

    @Test
    void readerMayNotImport() throws Exception {
        HttpResponse<String> response = http.postForm(PATH, fields("auth_user", "reader", "auth_pwd", "reader-pw",
                "class", "Organization", "separator", ";", "csvdata", "name;code\nRead Org;READ1\n"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("#You are not allowed to perform a bulk update of objects of class Organization");
        assertThat(response.headers().firstValue("X-Itop-Exit-Code")).contains("255");
        assertThat(organizations("READ1")).isZero();
    }

    @Test
    void disconnectMidUploadStoresNothing() throws Exception {
        String headers = "POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + ALICE + "\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 50000000\r\n\r\n";
        StringBuilder rows = new StringBuilder("class=Organization&separator=%3B&csvdata=name%3Bcode%0A");
        for (int i = 0; i < 20_000; i++) {
            rows.append("Cut+Org+").append(i).append("%3BCUT").append(i).append("%0A");
        }

        RawHttp.sendPartially(server.port(), headers, rows.toString().getBytes(StandardCharsets.US_ASCII));
        HttpResponse<String> after = http.send(http.to("/webservices/status.php").GET());

        assertThat(after.statusCode()).isEqualTo(200);
        Integer cut = database.jdbi().withHandle(handle -> handle
                .createQuery("SELECT count(*) FROM obj_organization WHERE code LIKE 'CUT%'").mapTo(Integer.class).one());
        assertThat(cut).isZero();
    }

    @Test
    void malformedMultipartStoresNothing() throws Exception {
        byte[] body = ("--" + TestRequests.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"class\"\r\n\r\n"
                + "Organization\r\n--" + TestRequests.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"csvdata\"\r\n\r\n"
                + "name;code\nBroken;BROKEN1\n").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = http.send(http.to(PATH)
                .header("Authorization", ALICE)
                .header("Content-Type", TestRequests.Multipart.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).startsWith("Malformed multipart body: ");
        assertThat(organizations("BROKEN1")).isZero();
    }
}
