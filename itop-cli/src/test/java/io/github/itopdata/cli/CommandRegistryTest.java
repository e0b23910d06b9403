package io.github.itopdata.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.itopdata.core.service.ExitCodes;
import io.github.itopdata.paramfile.Parameters;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Finding commands by name, alias and path, and the placeholders of services not built yet. */
class CommandRegistryTest {

    private static Command command(String name, String... aliases) {
        return new Command() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<String> aliases() {
                return List.of(aliases);
            }

            @Override
            public String summary() {
                return "test command " + name;
            }

            @Override
            public String usage() {
                return "USAGE:\n";
            }

            @Override
            public Set<String> knownParameters() {
                return Set.of();
            }

            @Override
            public int run(CommandContext context, Parameters parameters) {
                return ExitCodes.OK;
            }
        };
    }

    @Test
    void findsByNameAliasAndPath() {
        Command importCommand = command("import", "import.php");
        CommandRegistry registry = new CommandRegistry().register(importCommand);

        assertThat(registry.find("import")).containsSame(importCommand);
        assertThat(registry.find("import.php")).containsSame(importCommand);
        assertThat(registry.find("webservices/import.php")).containsSame(importCommand);
        assertThat(registry.find("/var/www/itop/webservices/import.php")).containsSame(importCommand);
        assertThat(registry.find("Import.PHP")).containsSame(importCommand);
        assertThat(registry.find("export.php")).isEmpty();
        assertThat(registry.find("webservices/export.php")).isEmpty();
    }

    @Test
    void findsDirectoryAliasFromLongerPath() {
        Command exportCommand = command("export", "webservices/export-v2.php");
        CommandRegistry registry = new CommandRegistry().register(exportCommand);

        assertThat(registry.find("/var/www/itop/webservices/export-v2.php")).containsSame(exportCommand);
        assertThat(registry.find("C:\\itop\\webservices\\export-v2.php")).containsSame(exportCommand);
        assertThat(registry.find("other/export-v2.php")).isEmpty();
    }

    @Test
    void duplicateAliasIsRejected() {
        CommandRegistry registry = new CommandRegistry().register(command("export", "export-v2.php"));

        assertThatThrownBy(() -> registry.register(command("export2", "export-v2.php")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'export-v2.php'")
                .hasMessageContaining("command 'export'");
    }

    @Test
    void placeholdersCoverMissingServicesOnly() {
        Command realExportV1 = command("export_v1", "export.php");
        CommandRegistry registry = new CommandRegistry().register(command("cron", "cron.php")).register(realExportV1);

        registry.addMissingServices();

        assertThat(registry.find("cron")).get().isNotInstanceOf(UnavailableCommand.class);
        assertThat(registry.find("export.php")).containsSame(realExportV1);
        assertThat(registry.find("export-v2.php")).get().isInstanceOf(UnavailableCommand.class);
        assertThat(registry.commands()).extracting(Command::name)
                .containsExactly("cron", "export_v1", "import", "export", "synchro_import", "synchro_exec");
    }

    @Test
    void unavailableServiceExits1AndSaysWhy() {
        CommandRegistry registry = new CommandRegistry();
        registry.addMissingServices();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Launcher launcher = new Launcher(registry, stdout, new PrintStream(stderr, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(new byte[0]), Path.of("."), Map.of());

        int status = launcher.run(List.of("synchro/synchro_exec.php", "--data_sources=3", "--auth_user=alice"));

        assertThat(status).isEqualTo(ExitCodes.FAILURE);
        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(stderr.toString(StandardCharsets.UTF_8))
                .isEqualTo("ERROR: The synchro_exec service is not available in this build yet; no work was done.\n");
    }
}
