package io.github.itopdata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.model.DefaultModel;
import io.github.itopdata.core.store.SchemaMapping;
import io.github.itopdata.core.store.StoreSchema;
import io.github.itopdata.core.testing.PostgresExtension;
import io.github.itopdata.paramfile.ParameterOrigin;
import io.github.itopdata.paramfile.Parameters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code itop datasource} on a real database and a real definition file. */
@ExtendWith(PostgresExtension.class)
class DataSourceCommandTest {

    private static final String DEFINITION = """
            {"name": "Lab servers", "scope_class": "Server", "status": "production", "user_id": "",
             "full_load_periodicity": 0, "delete_policy": "ignore",
             "attribute_list": [
               {"attcode": "name", "update": "1", "reconcile": "1", "update_policy": "master_locked",
                "finalclass": "SynchroAttribute", "friendlyname": "name"},
               {"attcode": "org_id", "update": "1", "reconcile": "0", "update_policy": "master_locked",
                "reconciliation_attcode": "code", "finalclass": "SynchroAttExtKey"}]}
            """;

    private final Database database;
    private final SchemaMapping mapping;

    DataSourceCommandTest(Database database) {
        this.database = database;
        this.mapping = SchemaMapping.of(DefaultModel.load());
        StoreSchema.apply(database.jdbi(), mapping);
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private Result run(Path directory, String... arguments) throws IOException {
        Parameters.Builder builder = Parameters.builder();
        for (String argument : arguments) {
            int equals = argument.indexOf('=');
            builder.add(argument.substring(2, equals), argument.substring(equals + 1), ParameterOrigin.argument(1));
        }
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code = DataSourceCommand.run(builder.build(), database, mapping, directory, stdout,
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
        return new Result(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    }

    @Test
    void definitionFileCreatesThenUpdatesSameSource(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve("servers.json"), DEFINITION);

        Result created = run(directory, "--file=servers.json");
        Result updated = run(directory, "--file=servers.json");
        Result list = run(directory, "--list=1");

        assertThat(created.exitCode()).isZero();
        assertThat(created.stdout()).matches("[0-9]+\n");
        assertThat(updated.stdout()).isEqualTo(created.stdout());
        assertThat(created.stderr()).contains("Created data source 'Lab servers'");
        assertThat(updated.stderr()).contains("Updated data source 'Lab servers'");
        String id = created.stdout().strip();
        assertThat(list.stdout()).isEqualTo(id + ";Lab servers;Server;production;synchro_data_server_" + id + "\n");
    }

    @Test
    void invalidDefinitionIsAnArgumentError(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve("bad.json"), DEFINITION.replace("\"ignore\"", "\"shred\""));

        Result result = run(directory, "--file=bad.json");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stdout()).startsWith("ERROR: Invalid delete_policy 'shred': expected one of");
    }

    @Test
    void missingFileIsAnAccessError(@TempDir Path directory) throws IOException {
        Result result = run(directory, "--file=none.json");

        assertThat(result.exitCode()).isEqualTo(255);
        assertThat(result.stdout()).startsWith("Input file could not be found or could not be read:");
    }

    @Test
    void commandIsRegistered() {
        assertThat(CommandRegistry.discover().find("datasource")).containsInstanceOf(DataSourceCommand.class);
    }

    @Test
    void synchroServicesAreLauncherCommands() {
        CommandRegistry registry = CommandRegistry.discover();

        assertThat(registry.find("synchro_import.php")).containsInstanceOf(ServiceCommand.class);
        assertThat(registry.find("synchro/synchro_exec.php")).containsInstanceOf(ServiceCommand.class);
        assertThat(registry.find("synchro_exec").orElseThrow().name()).isEqualTo("synchro_exec");
    }

    @Test
    void repairReportsThenFixesDrift(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve("servers.json"), DEFINITION);
        String id = run(directory, "--file=servers.json").stdout().strip();
        database.jdbi().useHandle(handle -> handle.execute("DROP TRIGGER replica_upd ON synchro_data_server_" + id));

        Result diagnosis = run(directory, "--repair=1", "--diagnose=1");
        Result repair = run(directory, "--repair=1");
        Result again = run(directory, "--repair=1");

        String action = "Data source 'Lab servers' (id " + id + "): recreated the triggers of synchro_data_server_" + id
                + " (2 of 3 found)\n";
        assertThat(diagnosis.stdout()).isEqualTo("Would repair: " + action);
        assertThat(repair.stdout()).isEqualTo("Repaired: " + action);
        assertThat(again.stdout()).isEqualTo("Every data source is in line with the model\n");
        assertThat(again.exitCode()).isZero();
    }
}
