package io.github.itopdata.core.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.core.auth.Profile;
import io.github.itopdata.core.auth.User;
import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.service.FrontEnd;
import io.github.itopdata.core.service.ServiceContext;
import io.github.itopdata.core.service.ServiceOutput;
import io.github.itopdata.core.service.ServiceRegistry;
import io.github.itopdata.core.service.ServiceResult;
import io.github.itopdata.core.store.SchemaMapping;
import io.github.itopdata.core.testing.PostgresExtension;
import io.github.itopdata.paramfile.ParameterOrigin;
import io.github.itopdata.paramfile.Parameters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class ImportServiceTest {

    private static final User IMPORTER = new User(7, "importer", Set.of(Profile.CONFIGURATION_MANAGER));
    private static final User VIEWER = new User(8, "viewer", Set.of(Profile.READER));

    private static ImportFixture fixture;
    private final ImportService service = new ImportService();
    private final List<String> warnings = new ArrayList<>();

    @TempDir
    Path directory;

    @BeforeAll
    static void createSchema(Database database) {
        fixture = new ImportFixture(database);
    }

    @BeforeEach
    void loadFixture() {
        fixture.reset();
    }

    private record Call(String output, ServiceResult result) {
    }

    private Call call(FrontEnd frontEnd, User user, Map<String, String> arguments) throws IOException {
        Parameters.Builder builder = Parameters.builder();
        arguments.forEach((name, value) -> builder.add(name, value,
                frontEnd == FrontEnd.HTTP ? ParameterOrigin.httpRequest() : ParameterOrigin.argument(1)));
        ServiceContext context = new ServiceContext(frontEnd, fixture.database, SchemaMapping.of(fixture.model), user,
                warnings::add, Clock.systemUTC());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ServiceResult result = service.run(context, builder.build(), ServiceOutput.of(body));
        return new Call(body.toString(StandardCharsets.UTF_8), result);
    }

    @Test
    void serviceIsFoundByItsAliases() {
        ServiceRegistry registry = ServiceRegistry.discover();

        assertThat(registry.find("import")).containsInstanceOf(ImportService.class);
        assertThat(registry.find("import.php")).containsInstanceOf(ImportService.class);
        assertThat(registry.find("/webservices/import.php")).containsInstanceOf(ImportService.class);
    }

    @Test
    void missingClassPrintsUsage() throws IOException {
        Path csv = Files.writeString(directory.resolve("orgs.csv"), "name\nx\n");

        Call call = call(FrontEnd.CLI, IMPORTER, Map.of("csvfile", csv.toString()));

        assertThat(call.output()).startsWith("ERROR: Missing argument 'class'\n\nUSAGE:\n\nauth_user = ")
                .contains("\ntransaction = ", "\nexit_code = ")
                .endsWith("param_file = comma-separated parameters files read before the arguments, optional, defaults to []\n")
                .doesNotContain("csvdata");
        assertThat(call.result().exitCode()).isEqualTo(2);
    }

    @Test
    void unreadableFileExits255() throws IOException {
        Call call = call(FrontEnd.CLI, IMPORTER, Map.of("class", "Organization", "csvfile", "missing/orgs.csv"));

        assertThat(call.output()).isEqualTo("Input file could not be found or could not be read: 'missing/orgs.csv'\n");
        assertThat(call.result().exitCode()).isEqualTo(255);
    }

    @Test
    void namedPipeIsReadAsInput() throws Exception {
        Path pipe = directory.resolve("orgs.fifo");
        assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
        Thread writer = new Thread(() -> {
            try {
                Files.writeString(pipe, "name,code\nHarbor Tech,HBT\nQuay Labs,QYL\n");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();

        Call call = call(FrontEnd.CLI, IMPORTER, Map.of("class", "Organization", "csvfile", pipe.toString(),
                "output", "summary"));
        writer.join();

        assertThat(call.output()).contains("#Created: 2");
        assertThat(fixture.count("SELECT count(*) FROM obj_organization")).isEqualTo(4);
    }

    @Test
    void readerMayNotImport() throws IOException {
        Path csv = Files.writeString(directory.resolve("orgs.csv"), "name,code\nHarbor Tech,HBT\n");

        Call call = call(FrontEnd.CLI, VIEWER, Map.of("class", "Organization", "csvfile", csv.toString(),
                "output", "summary"));

        assertThat(call.output()).startsWith("#Output format: summary\n")
                .endsWith("#Data Size: 26\n#You are not allowed to perform a bulk update of objects of class"
                        + " Organization\n");
        assertThat(call.result().exitCode()).isEqualTo(255);
        assertThat(fixture.count("SELECT count(*) FROM obj_organization")).isEqualTo(2);
    }

    @Test
    void cliAndHttpGiveTheSameBytes() throws IOException {
        String data = "name,code,status\nNorthwind Labs,NWL-3,active\n";
        Path csv = Files.writeString(directory.resolve("orgs.csv"), data);
        Map<String, String> common = Map.of("class", "Organization", "output", "details", "no_localize", "1",
                "reconciliationkeys", "name", "simulate", "1");

        Map<String, String> cliArguments = new java.util.HashMap<>(common);
        cliArguments.put("csvfile", csv.toString());
        Map<String, String> httpArguments = new java.util.HashMap<>(common);
        httpArguments.put("csvdata", data);
        Call cli = call(FrontEnd.CLI, IMPORTER, cliArguments);
        Call http = call(FrontEnd.HTTP, IMPORTER, httpArguments);

        assertThat(http.output()).isEqualTo(cli.output());
        assertThat(cli.output()).contains("0;updated 1 cols;Organization;1;Northwind Labs;\"NWL-3\"Modified;active");
    }

    @Test
    void paramFileOverHttpIsIgnoredWithWarning() throws IOException {
        Call call = call(FrontEnd.HTTP, IMPORTER, Map.of("class", "Organization", "csvdata", "name\nNorthwind Labs\n",
                "param_file", "/etc/passwd", "output", "retcode"));

        assertThat(call.output()).isEqualTo("#Warning: param_file is not accepted over HTTP\n0\n");
    }

    @Test
    void issuesExitCodeWhenAsked() throws IOException {
        Path csv = Files.writeString(directory.resolve("gadgets.csv"), "code,qty\nG-1,abc\n");

        Call call = call(FrontEnd.CLI, IMPORTER, Map.of("class", "Gadget", "csvfile", csv.toString(),
                "exit_code", "issues", "output", "retcode"));

        assertThat(call.output()).isEqualTo("1");
        assertThat(call.result().exitCode()).isEqualTo(3);
    }
}
