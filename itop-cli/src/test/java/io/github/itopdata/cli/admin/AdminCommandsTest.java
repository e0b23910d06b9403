package io.github.itopdata.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.cli.CommandRegistry;
import io.github.itopdata.cli.Launcher;
import io.github.itopdata.core.testing.PostgresExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The user and token commands run through the launcher against a real database. */
class AdminCommandsTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int itop(String stdin, String... argv) {
        out.reset();
        err.reset();
        Launcher launcher = new Launcher(CommandRegistry.discover(), out, new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), Path.of("."), Map.of());
        return launcher.run(List.of(argv));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void launcherListsAdministrationCommands() {
        itop("", "--help");

        assertThat(output()).contains("  serve ").contains("  user ").contains("  token ");
    }

    @Test
    void userAndTokenCommandsWorkThroughLauncher() {
        String url = "--db_url=" + PostgresExtension.createDatabase("admin_commands");

        int created = itop("secret-pw\n", "user", url, "--action=create", "--login=collector",
                "--profiles=Configuration Manager");
        String createdOutput = output();
        int token = itop("", "token", url, "--action=create", "--login=collector", "--description=ci");
        String tokenOutput = output();
        int listed = itop("", "user", url, "--action=list");

        assertThat(created).isZero();
        assertThat(createdOutput).isEqualTo("Created user 'collector' with profiles Configuration Manager\n");
        assertThat(token).isZero();
        assertThat(tokenOutput).startsWith("itop_");
        assertThat(listed).isZero();
        assertThat(output()).isEqualTo("collector\tConfiguration Manager\n");
    }

    @Test
    void invalidDatabaseSettingIsArgumentError() {
        int exit = itop("", "user", "--action=list", "--db_url=mysql://127.0.0.1/itop");

        assertThat(exit).isEqualTo(2);
        assertThat(output()).startsWith("ERROR: The setting db_url (command-line argument");
    }

    @Test
    void userHelpPrintsUsage() {
        int exit = itop("", "user", "--help");

        assertThat(exit).isZero();
        assertThat(output()).startsWith("USAGE: itop user --action=<action>");
    }
}
