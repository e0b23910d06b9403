package io.github.itopdata.http;

import static io.github.itopdata.http.TestRequests.basic;
import static io.github.itopdata.http.TestRequests.fields;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.core.auth.ApiTokens;
import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.testing.PostgresExtension;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthenticationHttpTest {

    private static final String RESTRICTED =
            "iTop access to this page is restricted. Please, contact an iTop administrator.\n";

    private TestServer server;
    private TestRequests http;
    private Database database;

    @BeforeAll
    void startServer(Database database) throws Exception {
        this.database = database;
        TestServer.createUsers(database);
        server = new TestServer(database, TestServer.settings(Files.createTempDirectory("itop-http-test")));
        http = server.requests;
    }

    @AfterAll
    void stopServer() throws Exception {
        server.close();
    }

    @Test
    void formFieldsLogIn() throws Exception {
        HttpResponse<String> response = http.postForm(TestServer.RETURN_PATH,
                fields("auth_user", "alice", "auth_pwd", "pa:ss", "class", "Person", "csvdata", "name\nAlice"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("user=alice\n");
        assertThat(response.body()).contains("class=text:Person\n");
        assertThat(response.body()).contains("csvdata=text:name\nAlice\n");
        assertThat(response.headers().firstValue("X-Itop-Exit-Code")).contains("0");
        assertThat(response.headers().firstValue("X-Itop-Result")).contains("ok");
    }

    @Test
    void credentialsAreNotPassedToService() throws Exception {
        HttpResponse<String> response = http.postForm(TestServer.RETURN_PATH,
                fields("auth_user", "alice", "auth_pwd", "pa:ss", "login_mode", "form"));

        assertThat(response.body()).isEqualTo("user=alice\n");
    }

    @Test
    void wrongFormPasswordReturnsInvalidLogin() throws Exception {
        HttpResponse<String> response = http.postForm(TestServer.RETURN_PATH,
                fields("auth_user", "alice", "auth_pwd", "wrong"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("Invalid login\n");
        assertThat(response.headers().firstValue("Content-Type")).contains("text/plain; charset=utf-8");
        assertThat(response.headers().firstValue("X-Itop-Exit-Code")).contains("255");
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(server.returnService.calls.get()).isZero();
    }

    @Test
    void wrongBasicCredentialsReturnInvalidLoginWithChallenge() throws Exception {
        HttpResponse<String> response = http.send(http.to(TestServer.RETURN_PATH)
                .header("Authorization", basic("alice", "wrong")).GET());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("Invalid login\n");
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"iTop\"");
        assertThat(response.headers().firstValue("X-Itop-Exit-Code")).contains("255");
    }

    @Test
    void missingCredentialsReturnInvalidLogin() throws Exception {
        HttpResponse<String> response = http.get(TestServer.RETURN_PATH + "?class=Person");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("Invalid login\n");
        assertThat(response.headers().firstValue("X-Itop-Exit-Code")).contains("255");
    }

    @Test
    void ajaxRequestWithoutCredentialsGetsEmptyUnauthorized() throws Exception {
        HttpResponse<String> response = http.send(http.to(TestServer.RETURN_PATH).header("X-Combodo-Ajax", "1").GET());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void ajaxWrongFieldsGetEmptyUnauthorized() throws Exception {
        HttpResponse<String> response = http.send(http.to(TestServer.PROMPT_PATH)
                .header("X-Combodo-Ajax", "1")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("auth_user=reader&auth_pwd=wrong")));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void ajaxWrongBasicIsChallenged() throws Exception {
        HttpResponse<String> response = http.send(http.to(TestServer.PROMPT_PATH)
                .header("X-Combodo-Ajax", "1")
                .header("Authorization", basic("reader", "wrong")).GET());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"iTop\"");
        assertThat(response.body()).isEqualTo(RESTRICTED);
    }

    @Test
    void promptPageWithWrongBasicCredentialsChallenges() throws Exception {
        HttpResponse<String> response = http.send(http.to(TestServer.PROMPT_PATH + "?expression=SELECT%20Person&format=csv")
                .header("Authorization", basic("reader", "wrong")).GET());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"iTop\"");
        assertThat(response.body()).isEqualTo(RESTRICTED);
        assertThat(response.headers().firstValue("X-Itop-Exit-Code")).contains("255");
    }

    @Test
    void promptPageWithoutCredentialsChallenges() throws Exception {
        HttpResponse<String> response = http.get(TestServer.PROMPT_PATH + "?expression=SELECT%20Person&format=csv");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"iTop\"");
        assertThat(response.body()).isEqualTo(RESTRICTED);
    }

    @Test
    void loginModeBasicWithoutHeaderChallenges() throws Exception {
        HttpResponse<String> response = http.get(TestServer.PROMPT_PATH + "?expression=SELECT%20Person&login_mode=basic");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"iTop\"");
    }

    @Test
    void basicPasswordContainingColonLogsIn() throws Exception {
        HttpResponse<String> response = http.send(http.to(TestServer.RETURN_PATH)
                .header("Authorization", basic("alice", "pa:ss")).GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("user=alice\n");
    }

    @Test
    void basicPasswordIsNotTruncatedAtColon() throws Exception {
        HttpResponse<String> response = http.send(http.to(TestServer.RETURN_PATH)
                .header("Authorization", basic("alice", "pa")).GET());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void lowerCaseBasicSchemeIsAccepted() throws Exception {
        String header = basic("alice", "pa:ss").replace("Basic", "basic");

        HttpResponse<String> response = http.send(http.to(TestServer.RETURN_PATH).header("Authorization", header).GET());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void nonBasicAuthorizationOverridesValidFields() throws Exception {
        HttpResponse<String> response = http.send(http.to(TestServer.RETURN_PATH)
                .header("Authorization", "Bearer abc")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("auth_user=alice&auth_pwd=pa%3Ass")));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("Invalid login\n");
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"iTop\"");
    }

    @Test
    void queryCredentialsLogInOnPromptPage() throws Exception {
        HttpResponse<String> response = http.get(TestServer.PROMPT_PATH
                + "?expression=SELECT%20Person&format=csv&auth_user=reader&auth_pwd=reader-pw");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("user=reader\n");
        assertThat(response.body()).contains("expression=text:SELECT Person\n");
    }

    @Test
    void queryCredentialsIgnoredWhenDisabled(@TempDir Path otherSpool) throws Exception {
        HttpSettings strict = TestServer.settings(otherSpool).withAllowCredentialsInQuery(false);
        try (TestServer strictServer = new TestServer(database, strict)) {
            HttpResponse<String> inQuery = strictServer.requests.get(TestServer.PROMPT_PATH
                    + "?auth_user=reader&auth_pwd=reader-pw");
            HttpResponse<String> inBody = strictServer.requests.postForm(TestServer.PROMPT_PATH,
                    fields("auth_user", "reader", "auth_pwd", "reader-pw"));

            assertThat(inQuery.statusCode()).isEqualTo(401);
            assertThat(inBody.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void tokenHeaderLogsInAsOwner() throws Exception {
        String token = new ApiTokens(database).create("reader", "export job", Duration.ofDays(1)).secret();

        HttpResponse<String> response = http.send(http.to(TestServer.PROMPT_PATH).header("Auth-Token", token).GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("user=reader\n");
    }

    @Test
    void tokenParameterLogsIn() throws Exception {
        String token = new ApiTokens(database).create("alice", "import job", Duration.ofDays(1)).secret();

        HttpResponse<String> response = http.postForm(TestServer.RETURN_PATH, fields("auth_token", token, "class", "Server"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("user=alice\nclass=text:Server\n");
    }

    @Test
    void revokedTokenFailsLikeWrongPassword() throws Exception {
        ApiTokens tokens = new ApiTokens(database);
        ApiTokens.CreatedToken created = tokens.create("alice", "revoked", Duration.ofDays(1));
        tokens.revoke(created.token().id());

        HttpResponse<String> response = http.send(http.to(TestServer.RETURN_PATH)
                .header("Auth-Token", created.secret()).GET());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("Invalid login\n");
    }

    @Test
    void unknownTokenFailsLikeWrongPassword() throws Exception {
        HttpResponse<String> response = http.send(http.to(TestServer.PROMPT_PATH)
                .header("Auth-Token", "itop_unknown").GET());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"iTop\"");
    }

    @Test
    void userWithoutNeededProfileIsRefusedByService() throws Exception {
        HttpResponse<String> response = http.send(http.to(TestServer.RETURN_PATH)
                .header("Authorization", basic("reader", "reader-pw")).GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("#Not allowed: IMPORT for reader\n");
        assertThat(response.headers().firstValue("X-Itop-Exit-Code")).contains("255");
        assertThat(response.headers().firstValue("X-Itop-Result")).contains("error");
    }

    @Test
    void administratorPageRefusesConfigurationManager() throws Exception {
        HttpResponse<String> manager = http.send(http.to(TestServer.ADMIN_PATH)
                .header("Authorization", basic("alice", "pa:ss")).GET());
        HttpResponse<String> admin = http.send(http.to(TestServer.ADMIN_PATH)
                .header("Authorization", basic("admin", "admin-pw")).GET());

        assertThat(manager.headers().firstValue("X-Itop-Exit-Code")).contains("255");
        assertThat(admin.headers().firstValue("X-Itop-Exit-Code")).contains("0");
        assertThat(admin.body()).isEqualTo("user=admin\n");
    }

    @Test
    void failedLoginsAreRecordedPerAddress() throws Exception {
        http.postForm(TestServer.RETURN_PATH, fields("auth_user", "throttled", "auth_pwd", "wrong"));

        Integer failures = database.jdbi().withHandle(handle -> handle
                .createQuery("SELECT count(*) FROM itop_login_failure WHERE login = 'throttled' AND address = '127.0.0.1'")
                .mapTo(Integer.class)
                .one());
        assertThat(failures).isEqualTo(1);
    }
}
