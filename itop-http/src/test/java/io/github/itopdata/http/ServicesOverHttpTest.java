package io.github.itopdata.http;

import static io.github.itopdata.http.TestRequests.basic;
import static io.github.itopdata.http.TestRequests.fields;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.core.auth.Authenticator;
import io.github.itopdata.core.auth.ThrottlePolicy;
import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.model.DefaultModel;
import io.github.itopdata.core.service.ServiceRegistry;
import io.github.itopdata.core.store.SchemaMapping;
import io.github.itopdata.core.store.StoreSchema;
import io.github.itopdata.core.synchro.DataSource;
import io.github.itopdata.core.synchro.DataSources;
import io.github.itopdata.core.testing.PostgresExtension;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every service found on the class path, behind the endpoint at iTop's paths. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServicesOverHttpTest {

    private static final String EXPORT = "/webservices/export-v2.php?expression=SELECT%20Organization&format=csv&fields=name";
    private static final String CHALLENGE = "Basic realm=\"iTop\"";

    private ItopHttpServer server;
    private TestRequests http;
    private long sourceId;

    @BeforeAll
    void start(Database database) throws Exception {
        SchemaMapping schema = SchemaMapping.of(DefaultModel.load());
        StoreSchema.apply(database.jdbi(), schema);
        TestServer.createUsers(database);
        sourceId = new DataSources(database.jdbi(), schema).create(DataSource.builder("Http servers", "Server")
                .status("production").build()).id();
        Authenticator authenticator = new Authenticator(database.jdbi(), ThrottlePolicy.DEFAULT, duration -> { });
        server = new ItopHttpServer(TestServer.settings(Files.createTempDirectory("itop-http-test")), database,
                authenticator, ItopServiceEndpoint.all(ServiceRegistry.discover().services(), database, schema)).start();
        http = new TestRequests(server.baseUri());
    }

    @AfterAll
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void exportWithWrongBasicCredentialsChallenges() throws Exception {
        HttpResponse<String> response = http.send(http.to(EXPORT).header("Authorization", basic("reader", "wrong")).GET());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains(CHALLENGE);
        assertThat(response.headers().firstValue("X-Itop-Exit-Code")).contains("255");
    }

    @Test
    void exportWithoutCredentialsChallenges() throws Exception {
        HttpResponse<String> response = http.get(EXPORT);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains(CHALLENGE);
    }

    @Test
    void exportLoginModeBasicChallenges() throws Exception {
        HttpResponse<String> response = http.get(EXPORT + "&login_mode=basic");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains(CHALLENGE);
    }

    @Test
    void exportWithQueryCredentialsIsProduced() throws Exception {
        HttpResponse<String> response = http.get(EXPORT + "&auth_user=reader&auth_pwd=reader-pw");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Itop-Exit-Code")).contains("0");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/"));
    }

    @Test
    void synchroExecWithWrongCredentialsReturnsInvalidLogin() throws Exception {
        HttpResponse<String> response = http.postForm("/synchro/synchro_exec.php",
                fields("auth_user", "alice", "auth_pwd", "wrong", "data_sources", "4"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("Invalid login\n");
        assertThat(response.headers().firstValue("Content-Type")).contains("text/plain; charset=UTF-8");
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void synchroImportWithWrongBasicChallenges() throws Exception {
        HttpResponse<String> response = http.send(http.to("/synchro/synchro_import.php?data_source_id=4")
                .header("Authorization", basic("alice", "wrong")).GET());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("Invalid login\n");
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains(CHALLENGE);
    }

    @Test
    void cronAsNonAdministratorIsRestricted() throws Exception {
        HttpResponse<String> response = http.send(http.to("/webservices/cron.php")
                .header("Authorization", basic("alice", "pa:ss")).GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Access restricted to administrators");
        assertThat(response.headers().firstValue("X-Itop-Exit-Code")).contains("255");
    }

    @Test
    void cronWithoutCredentialsChallenges() throws Exception {
        HttpResponse<String> response = http.get("/webservices/cron.php");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains(CHALLENGE);
    }

    @Test
    void synchroImportAnswersPlainText() throws Exception {
        HttpResponse<String> response = http.postForm("/synchro/synchro_import.php", fields("auth_user", "admin",
                "auth_pwd", "admin-pw", "data_source_id", Long.toString(sourceId), "synchronize", "0",
                "csvdata", "primary_key;name\nhttp-1;http-one\n", "output", "summary"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).isEqualToIgnoringCase("text/plain; charset=utf-8"));
        assertThat(response.body()).contains("#Created (before synchro): 1");
    }
}
