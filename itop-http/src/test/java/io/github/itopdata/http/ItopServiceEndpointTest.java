package io.github.itopdata.http;

import static io.github.itopdata.http.TestRequests.basic;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.core.auth.Authenticator;
import io.github.itopdata.core.auth.ThrottlePolicy;
import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.model.DefaultModel;
import io.github.itopdata.core.service.FrontEnd;
import io.github.itopdata.core.service.ItopService;
import io.github.itopdata.core.service.ServiceContext;
import io.github.itopdata.core.service.ServiceOutput;
import io.github.itopdata.core.service.ServiceRegistry;
import io.github.itopdata.core.service.ServiceResult;
import io.github.itopdata.core.store.SchemaMapping;
import io.github.itopdata.core.testing.PostgresExtension;
import io.github.itopdata.http.commands.ServeCommand;
import io.github.itopdata.paramfile.ParameterOrigin;
import io.github.itopdata.paramfile.Parameters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ItopServiceEndpointTest {

    /** A service of the core contract that reports what it was given. */
    static final class ContractEchoService implements ItopService {
        @Override
        public String name() {
            return "test_echo";
        }

        @Override
        public List<String> aliases() {
            return List.of("test_echo.php", "webservices/test_echo.php");
        }

        @Override
        public String usage(FrontEnd frontEnd) {
            return "USAGE: test_echo\n";
        }

        @Override
        public Set<String> parameterNames(FrontEnd frontEnd) {
            return Set.of("class");
        }

        @Override
        public ServiceResult run(ServiceContext context, Parameters parameters, ServiceOutput output) throws IOException {
            output.status(200);
            output.contentType("text/plain; charset=utf-8");
            output.header("X-Test", "yes");
            String origin = parameters.origin("class").map(ParameterOrigin::kind).map(Enum::name).orElse("none");
            String body = context.frontEnd() + " " + context.user().login() + " class=" + parameters.get("class").orElse("")
                    + " origin=" + origin + " names=" + parameters.names() + "\n";
            output.body().write(body.getBytes(StandardCharsets.UTF_8));
            return ServiceResult.of(3, 2);
        }
    }

    private Database database;
    private SchemaMapping schema;

    @BeforeAll
    void prepare(Database database) {
        this.database = database;
        this.schema = SchemaMapping.of(DefaultModel.load());
        TestServer.createUsers(database);
    }

    @Test
    void contractServiceRunsOverHttp() throws Exception {
        HttpSettings settings = TestServer.settings(Files.createTempDirectory("itop-http-test"));
        Authenticator authenticator = new Authenticator(database.jdbi(), ThrottlePolicy.DEFAULT, duration -> { });
        List<HttpService> endpoints = ItopServiceEndpoint.all(List.of(new ContractEchoService()), database, schema);
        try (ItopHttpServer server = new ItopHttpServer(settings, database, authenticator, endpoints).start()) {
            TestRequests http = new TestRequests(server.baseUri());

            HttpResponse<String> response = http.send(http.to("/webservices/test_echo.php?class=Person&param_file=x")
                    .header("Authorization", basic("alice", "pa:ss")).GET());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("#Warning: param_file is not accepted over HTTP\n"
                    + "HTTP alice class=Person origin=" + ParameterOrigin.httpRequest().kind().name() + " names=[class]\n");
            assertThat(response.headers().firstValue("X-Test")).contains("yes");
            assertThat(response.headers().firstValue("X-Itop-Exit-Code")).contains("3");
            assertThat(response.headers().firstValue("X-Itop-Error-Count")).contains("2");
        }
    }

    @Test
    void contractServiceFailedLoginPrompts() throws Exception {
        HttpSettings settings = TestServer.settings(Files.createTempDirectory("itop-http-test"));
        Authenticator authenticator = new Authenticator(database.jdbi(), ThrottlePolicy.DEFAULT, duration -> { });
        List<HttpService> endpoints = ItopServiceEndpoint.all(List.of(new ContractEchoService()), database, schema);
        try (ItopHttpServer server = new ItopHttpServer(settings, database, authenticator, endpoints).start()) {
            HttpResponse<String> response = new TestRequests(server.baseUri()).get("/webservices/test_echo.php");

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"iTop\"");
        }
    }

    @Test
    void serveCommandServesUntilStopped() throws Exception {
        ServeCommand command = new ServeCommand(database, schema, new ServiceRegistry(List.of(new ContractEchoService())));
        Parameters parameters = Parameters.builder()
                .add("http_port", "0", ParameterOrigin.argument(1))
                .add("http_spool_dir", Files.createTempDirectory("itop-serve").toString(), ParameterOrigin.argument(2))
                .build();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> command.run(parameters, new PrintStream(err, true, StandardCharsets.UTF_8)));
        for (int attempt = 0; attempt < 300 && command.server() == null && !exit.isDone(); attempt++) {
            Thread.sleep(50);
        }

        HttpResponse<String> status = new TestRequests(command.server().baseUri()).get("/webservices/status.php");
        command.stop();

        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("Serving on http://127.0.0.1:");
    }

    @Test
    void serveCommandRejectsInvalidPort() {
        ServeCommand command = new ServeCommand(database, schema, new ServiceRegistry(List.of()));
        Parameters parameters = Parameters.builder().add("http_port", "70000", ParameterOrigin.argument(1)).build();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = command.run(parameters, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("ERROR: ").contains("http_port").contains("70000");
    }

    @Test
    void settingsComeFromParameters() {
        Parameters parameters = Parameters.builder()
                .add("http_bind", "0.0.0.0", ParameterOrigin.argument(1))
                .add("http_port", "9000", ParameterOrigin.argument(2))
                .add("http_max_body_bytes", "1048576", ParameterOrigin.argument(3))
                .add("http_request_timeout", "60", ParameterOrigin.argument(4))
                .add("http.allow_credentials_in_query", "false", ParameterOrigin.argument(5))
                .build();

        HttpSettings settings = HttpSettings.fromParameters(parameters);

        assertThat(settings.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(settings.port()).isEqualTo(9000);
        assertThat(settings.maxBodyBytes()).isEqualTo(1048576);
        assertThat(settings.requestTimeout()).hasSeconds(60);
        assertThat(settings.allowCredentialsInQuery()).isFalse();
        assertThat(HttpSettings.fromParameters(Parameters.empty())).isEqualTo(HttpSettings.defaults());
    }
}
