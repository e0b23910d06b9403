package io.github.itopdata.core.cron;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.core.auth.Profile;
import io.github.itopdata.core.auth.User;
import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.service.FrontEnd;
import io.github.itopdata.core.service.ItopService;
import io.github.itopdata.core.service.ServiceContext;
import io.github.itopdata.core.service.ServiceOutput;
import io.github.itopdata.core.service.ServiceRegistry;
import io.github.itopdata.core.service.ServiceResult;
import io.github.itopdata.core.store.SchemaMapping;
import io.github.itopdata.core.model.DefaultModel;
import io.github.itopdata.core.testing.PostgresExtension;
import io.github.itopdata.paramfile.ParameterOrigin;
import io.github.itopdata.paramfile.Parameters;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class CronItopServiceTest {

    private static final User ADMIN = new User(1, "admin", Set.of(Profile.ADMINISTRATOR));
    private static final User READER = new User(2, "reader", Set.of(Profile.READER));
    private static final SchemaMapping SCHEMA = SchemaMapping.of(DefaultModel.load());

    private final Database database;
    private TestClock clock;
    private final List<String> warnings = new ArrayList<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private String contentType = "";

    CronItopServiceTest(Database database) {
        this.database = database;
    }

    @BeforeEach
    void setUp() {
        clock = TestClock.at("2025-02-03T09:15:00");
        new CronHarness(database, clock);
    }

    private ServiceResult run(FrontEnd frontEnd, User user, Map<String, String> parameters) throws Exception {
        CronSettings settings = CronSettings.defaults().withTimeZone(clock.getZone())
                .withMaxExecutionTime(Duration.ofSeconds(4));
        ItopService service = new CronItopService(settings, clock.sleeper(), null);
        ServiceContext context = new ServiceContext(frontEnd, database, SCHEMA, user,
                warnings::add, clock);
        ServiceOutput output = new ServiceOutput() {
            @Override
            public void status(int status) {
            }

            @Override
            public void contentType(String value) {
                contentType = value;
            }

            @Override
            public void header(String name, String value) {
            }

            @Override
            public java.io.OutputStream body() {
                return body;
            }
        };
        return service.run(context, Parameters.builder().defaults(parameters).build(), output);
    }

    private String text() {
        return body.toString(StandardCharsets.UTF_8);
    }

    @Test
    void registryFindsCronByItsPagePath() {
        ServiceRegistry registry = ServiceRegistry.discover();

        assertThat(registry.find("webservices/cron.php")).get().extracting(ItopService::name).isEqualTo("cron");
        assertThat(registry.find("cron.php")).get().extracting(ItopService::name).isEqualTo("cron");
    }

    @Test
    void usageTextPerFrontEnd() {
        CronItopService service = new CronItopService();

        assertThat(service.usage(FrontEnd.CLI)).isEqualTo("USAGE:\n\nphp cron.php --auth_user=<login>"
                + " --auth_pwd=<password> [--param_file=<file>] [--verbose=1] [--debug=1] [--status_only=1]\n\n");
        assertThat(service.usage(FrontEnd.HTTP)).isEqualTo("Optional parameters: verbose, param_file, status_only\n");
        assertThat(service.wrongCredentialsMessage("ops")).isEqualTo("Access wrong credentials ('ops')");
        assertThat(service.parameterNames(FrontEnd.CLI))
                .containsExactlyInAnyOrder("auth_user", "auth_pwd", "param_file", "verbose", "debug", "status_only");
    }

    @Test
    void administratorRunsBuiltInProcesses() throws Exception {
        ServiceResult result = run(FrontEnd.CLI, ADMIN, Map.of("verbose", "1"));

        assertThat(result.exitCode()).isZero();
        assertThat(text()).contains("Background processes: ExecAsyncTask, RetentionPurge",
                "ExecAsyncTask: processed 0 tasks", "RetentionPurge: deleted 0 synchro logs and 0 async tasks in error");
    }

    @Test
    void nonAdministratorIsRestricted() throws Exception {
        ServiceResult result = run(FrontEnd.CLI, READER, Map.of());

        assertThat(result.exitCode()).isEqualTo(255);
        assertThat(text()).isEqualTo("Access restricted to administrators\n");
    }

    @Test
    void httpStatusOnlyIsHtmlTable() throws Exception {
        run(FrontEnd.CLI, ADMIN, Map.of());
        body.reset();

        ServiceResult result = run(FrontEnd.HTTP, ADMIN, Map.of("status_only", "1"));

        assertThat(result.exitCode()).isZero();
        assertThat(contentType).isEqualTo("text/html; charset=UTF-8");
        assertThat(text()).contains("<p>| ExecAsyncTask             | active  |")
                .doesNotContain("Starting:");
    }

    @Test
    void httpNonAdministratorGetsPage() throws Exception {
        ServiceResult result = run(FrontEnd.HTTP, READER, Map.of());

        assertThat(result.exitCode()).isEqualTo(255);
        assertThat(text()).contains("<p>Access restricted to administrators</p>");
    }

    @Test
    void invalidConfigurationIsConfigurationError() throws Exception {
        ServiceContext context = new ServiceContext(FrontEnd.CLI, database, SCHEMA, ADMIN, warnings::add, clock);
        Parameters parameters = Parameters.builder()
                .add("cron_sleep", "two", ParameterOrigin.configFile("itop.conf", 4))
                .build();

        ServiceResult result = new CronItopService().run(context, parameters, ServiceOutput.of(body));

        assertThat(result.exitCode()).isEqualTo(254);
        assertThat(text()).startsWith("ERROR: ").contains("cron_sleep");
    }

    @Test
    void filteredVerboseValueIsOff() throws Exception {
        run(FrontEnd.CLI, ADMIN, Map.of("verbose", "true!"));

        assertThat(text().lines().toList()).hasSize(2);
    }
}
