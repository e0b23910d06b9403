package io.github.itopdata.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher run as a real process: dispatch by name and alias, help, argument errors,
 * parameters files, configuration, exit statuses and the separation of standard output and error.
 */
class LauncherProcessTest {

    @TempDir
    Path directory;

    private ItopProcess.Result itop(String... args) throws IOException, InterruptedException {
        return ItopProcess.run(directory, Map.of(), args);
    }

    private ItopProcess.Result itopWithEnvironment(Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        return ItopProcess.run(directory, environment, args);
    }

    private Path write(String name, String content) throws IOException {
        Path file = directory.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    @Test
    void helpPrintsUsageOnly() throws Exception {
        ItopProcess.Result result = itop("echo_parameters", "--auth_user=alice", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo(EchoParametersCommand.USAGE);
        assertThat(result.stderr()).isEmpty();
    }

    @Test
    void shortHelpBeforeMalformedToken() throws Exception {
        ItopProcess.Result result = itop("echo_parameters", "--simulate", "-h");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo(EchoParametersCommand.USAGE);
    }

    @Test
    void pagePathWithDirectoriesIsAlias() throws Exception {
        ItopProcess.Result result = itop("-q", "/var/www/itop/webservices/echo.php", "--k=v");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo("k = 'v' (command-line argument #1)\n");
    }

    @Test
    void phpDashFFormIsAccepted() throws Exception {
        ItopProcess.Result result = itop("-f", "webservices/echo.php", "--", "--k=v");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo("k = 'v' (command-line argument #2)\n");
    }

    @Test
    void phpCommandLineWithFirstWordReplaced() throws Exception {
        write("etc/itop/params.foo", "auth_user = alice\nauth_pwd = S3cret!\n");

        // php -q /var/www/itop/webservices/echo.php --param_file=... with "php" replaced by the launcher.
        ItopProcess.Result result = itop("-q", "/var/www/itop/webservices/echo.php",
                "--param_file=etc/itop/params.foo", "--k=1");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo("""
                auth_pwd = ******** (parameters file etc/itop/params.foo:2)
                auth_user = 'alice' (parameters file etc/itop/params.foo:1)
                k = '1' (command-line argument #2)
                param_file = 'etc/itop/params.foo' (command-line argument #1)
                """);
    }

    @Test
    void malformedArgumentPrintsErrorAndUsage() throws Exception {
        ItopProcess.Result result = itop("import.php", "--auth_user", "alice");
        ItopProcess.Result echo = itop("echo_parameters", "--auth_user", "alice", "--auth_pwd", "pw");

        assertThat(echo.exitCode()).isEqualTo(2);
        assertThat(echo.stdout()).isEqualTo("ERROR: Malformed argument '--auth_user', expected --auth_user=<value>\n\n"
                + EchoParametersCommand.USAGE);
        assertThat(echo.stderr()).isEmpty();
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stdout()).startsWith("ERROR: Malformed argument '--auth_user', expected --auth_user=<value>\n\nUSAGE:");
    }

    @Test
    void malformedTokenNeverEchoesValue() throws Exception {
        ItopProcess.Result result = itop("echo_parameters", "auth_pwd=hunter2");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stdout()).startsWith("ERROR: Malformed argument 'auth_pwd', expected --<name>=<value>\n");
        assertThat(result.stdout() + result.stderr()).doesNotContain("hunter2");
    }

    @Test
    void unknownArgumentWarnsOnStandardError() throws Exception {
        ItopProcess.Result result = itop("echo_parameters", "--K=hunter2", "--k=1");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stderr()).contains("Warning: unknown argument '--K' ignored\n");
        assertThat(result.stderr()).doesNotContain("hunter2");
        assertThat(result.stdout()).doesNotContain("Warning");
    }

    @Test
    void argumentWithKnownPrefixIsNotWarned() throws Exception {
        ItopProcess.Result result = itop("echo_parameters", "--arg_org=2", "--argument=3");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stderr()).doesNotContain("'--arg_org'");
        assertThat(result.stderr()).contains("Warning: unknown argument '--argument' ignored\n");
    }

    @Test
    void argumentOverridesParamFile() throws Exception {
        write("cron.params", "auth_user = alice\n");

        ItopProcess.Result result = itop("echo_parameters", "--param_file=cron.params", "--auth_user=bob");

        assertThat(result.stdout()).contains("auth_user = 'bob' (command-line argument #2), replaces parameters file cron.params:1\n");
    }

    @Test
    void laterParamFileWins() throws Exception {
        write("base.params", "auth_user = alice\nverbose = 0\n");
        write("override.params", "verbose = 1\n");

        ItopProcess.Result result = itop("echo_parameters", "--param_file=base.params,override.params");

        assertThat(result.stdout()).contains("auth_user = 'alice' (parameters file base.params:1)\n");
        assertThat(result.stdout()).contains("verbose = '1' (parameters file override.params:1)");
        assertThat(result.stderr()).contains("Warning: override.params:1: 'verbose' redefined\n");
    }

    @Test
    void redefinedKeyWarnsOnlyWhenVerbose() throws Exception {
        write("dup.params", "k = 1\nk = 2\n");

        ItopProcess.Result quiet = itop("echo_parameters", "--param_file=dup.params");
        ItopProcess.Result verbose = itop("echo_parameters", "--param_file=dup.params", "--verbose=1");

        assertThat(quiet.stderr()).doesNotContain("redefined");
        assertThat(verbose.stderr()).contains("Warning: dup.params:2: 'k' redefined\n");
    }

    @Test
    void ignoredLineWarnsOnStandardError() throws Exception {
        write("bad.params", "# comment\nverbose\nk = 1\n");

        ItopProcess.Result result = itop("echo_parameters", "--param_file=bad.params");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stderr()).contains("Warning: bad.params:2: ignored, expected 'key = value'\n");
        assertThat(result.stdout()).contains("k = '1'");
    }

    @Test
    void missingParamFileExits254() throws Exception {
        ItopProcess.Result result = itop("echo_parameters", "--param_file=/srv/none.params");

        assertThat(result.exitCode()).isEqualTo(254);
        assertThat(result.stdout()).isEqualTo("Error: Could not find the parameter file: '/srv/none.params'\n");
    }

    @Test
    void missingParamFileExits254ForEveryService() throws Exception {
        for (String service : new String[] {"import", "export", "synchro_import", "synchro_exec", "cron",
                "webservices/export.php", "synchro/synchro_exec.php"}) {
            ItopProcess.Result result = itop(service, "--param_file=/srv/a&b.params");

            assertThat(result.exitCode()).as(service).isEqualTo(254);
            assertThat(result.stdout()).as(service)
                    .isEqualTo("Error: Could not find the parameter file: '/srv/a&b.params'\n");
        }
    }

    @Test
    void directoryParamFileExits254() throws Exception {
        Files.createDirectories(directory.resolve("conf.d"));

        ItopProcess.Result result = itop("echo_parameters", "--param_file=conf.d");

        assertThat(result.exitCode()).isEqualTo(254);
        assertThat(result.stdout()).isEqualTo("Error: Could not load parameter file: 'conf.d' (it is a directory)\n");
    }

    @Test
    void unreadableParamFileExits254() throws Exception {
        Path file = write("locked.params", "auth_user = alice\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        List<String> command = new ArrayList<>();
        if (System.getProperty("user.name").equals("root")) {
            // Root reads any file through CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH: drop both for this process.
            assumeThat(Files.isExecutable(Path.of("/usr/bin/setpriv")))
                    .as("as root, setpriv is needed to run the launcher without the capabilities that bypass file modes")
                    .isTrue();
            command.addAll(List.of("/usr/bin/setpriv", "--bounding-set", "-dac_override,-dac_read_search"));
        }
        command.addAll(ItopProcess.javaCommand("echo_parameters", "--param_file=locked.params"));

        ItopProcess.Result result = ItopProcess.start(command, directory, Map.of());

        assertThat(result.exitCode()).isEqualTo(254);
        assertThat(result.stdout()).isEqualTo("Error: Could not load parameter file: 'locked.params' (permission denied)\n");
    }

    @Test
    void latin1ParamFileExits254() throws Exception {
        Files.write(directory.resolve("latin1.params"), "auth_pwd = \u00E9t\u00E9\n".getBytes(StandardCharsets.ISO_8859_1));

        ItopProcess.Result result = itop("echo_parameters", "--param_file=latin1.params");

        assertThat(result.exitCode()).isEqualTo(254);
        assertThat(result.stdout()).isEqualTo("Error: Could not load parameter file: 'latin1.params' (line 1: not valid UTF-8)\n");
    }

    @Test
    void openPasswordFileWarns() throws Exception {
        Path file = write("open.params", "auth_pwd = pw\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        ItopProcess.Result result = itop("echo_parameters", "--param_file=open.params");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stderr()).contains("Warning: open.params is accessible by other users; restrict it (chmod 600)\n");
    }

    @Test
    void exitStatusOfCommandIsPropagated() throws Exception {
        for (int status : new int[] {0, 3, 4, 253, 255}) {
            ItopProcess.Result result = itop("echo_parameters", "--exit_with=" + status);

            assertThat(result.exitCode()).isEqualTo(status);
        }
    }

    @Test
    void invalidParameterExits2WithUsage() throws Exception {
        ItopProcess.Result result = itop("echo_parameters", "--fail_with=invalid", "--k=abc");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stdout()).isEqualTo(
                "ERROR: Invalid value 'abc' for 'k' (command-line argument #2): expected an integer\n\n"
                        + EchoParametersCommand.USAGE);
    }

    @Test
    void unexpectedFailureExits1WithDetailsOnStandardError() throws Exception {
        ItopProcess.Result result = itop("echo_parameters", "--fail_with=crash", "--auth_pwd=hunter2");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stdout()).isEqualTo("ERROR: simulated crash (details on standard error)\n");
        assertThat(result.stderr()).contains("java.lang.IllegalStateException: simulated crash");
        assertThat(result.stderr()).contains("auth_pwd=********");
        assertThat(result.stderr()).doesNotContain("hunter2");
    }

    @Test
    void debugLogMasksSecrets() throws Exception {
        write("cred.params", "auth_user = alice\nauth_pwd = S3cret!\n");

        ItopProcess.Result result = itopWithEnvironment(Map.of("ITOP_LOG_LEVEL", "DEBUG"),
                "echo_parameters", "--param_file=cred.params", "--auth_token=tok-42");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stderr()).contains("Running command echo_parameters with");
        assertThat(result.stderr()).doesNotContain("S3cret!", "tok-42");
        assertThat(result.stdout()).doesNotContain("S3cret!", "tok-42");
    }

    @Test
    void outputIsWrittenByteForByte() throws Exception {
        ItopProcess.Result result = itop("echo_parameters", "--raw_output=1");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdoutBytes()).containsExactly('a', 0xE9, '\r', '\n', 'b');
        assertThat(result.stderr()).isEqualTo("progress: echo_parameters started\n");
    }

    @Test
    void configFileInWorkingDirectoryIsRead() throws Exception {
        write("itop.conf", "k = from-config\n");

        ItopProcess.Result result = itop("echo_parameters");

        assertThat(result.stdout()).isEqualTo("k = 'from-config' (configuration file itop.conf:1)\n");
    }

    @Test
    void configFileFromEnvironmentVariable() throws Exception {
        Path config = write("elsewhere/site.conf", "k = from-itop-conf-variable\n");

        ItopProcess.Result result = itopWithEnvironment(Map.of("ITOP_CONF", config.toString()), "echo_parameters");

        assertThat(result.stdout()).isEqualTo("k = 'from-itop-conf-variable' (configuration file " + config + ":1)\n");
    }

    @Test
    void workingDirectoryConfigWinsOverVariable() throws Exception {
        write("itop.conf", "k = local\n");
        Path config = write("elsewhere/site.conf", "k = variable\n");

        ItopProcess.Result result = itopWithEnvironment(Map.of("ITOP_CONF", config.toString()), "echo_parameters");

        assertThat(result.stdout()).isEqualTo("k = 'local' (configuration file itop.conf:1)\n");
    }

    @Test
    void configOptionOverridesBoth() throws Exception {
        write("itop.conf", "k = local\n");
        write("other.conf", "k = option\n");

        ItopProcess.Result before = itop("--config=other.conf", "echo_parameters");
        ItopProcess.Result after = itop("echo_parameters", "--config=other.conf");

        assertThat(before.stdout()).isEqualTo("k = 'option' (configuration file other.conf:1)\n");
        assertThat(after.stdout()).startsWith("config = 'other.conf' (command-line argument #1)\n");
        assertThat(after.stdout()).contains("k = 'option' (configuration file other.conf:1)\n");
        assertThat(after.stderr()).doesNotContain("unknown argument");
    }

    @Test
    void missingConfigFileExits254() throws Exception {
        ItopProcess.Result result = itop("echo_parameters", "--config=missing.conf");

        assertThat(result.exitCode()).isEqualTo(254);
        assertThat(result.stdout()).isEqualTo("Error: Could not find the configuration file: 'missing.conf'\n");
    }

    @Test
    void precedenceConfigEnvironmentFileArgument() throws Exception {
        write("itop.conf", "a = conf\nb = conf\nc = conf\nd = conf\n");
        write("p.params", "c = file\nd = file\n");

        ItopProcess.Result result = itopWithEnvironment(Map.of("ITOP_B", "env", "ITOP_C", "env", "ITOP_D", "env"),
                "echo_parameters", "--param_file=p.params", "--d=argument");

        assertThat(result.stdout()).contains("a = 'conf' (configuration file itop.conf:1)\n");
        assertThat(result.stdout()).contains("b = 'env' (environment variable ITOP_B), replaces configuration file itop.conf:2\n");
        assertThat(result.stdout()).contains("c = 'file' (parameters file p.params:1)");
        assertThat(result.stdout()).contains("d = 'argument' (command-line argument #2)");
    }

    @Test
    void passwordFromNamedEnvironmentVariable() throws Exception {
        write("cred.params", "auth_user = alice\nauth_pwd_env = CRON_PASSWORD\n");

        ItopProcess.Result result = itopWithEnvironment(Map.of("CRON_PASSWORD", " p#ss "),
                "echo_parameters", "--param_file=cred.params");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).contains("auth_pwd = ******** (environment variable CRON_PASSWORD)\n");
    }

    @Test
    void unsetPasswordVariableExits2() throws Exception {
        ItopProcess.Result result = itop("echo_parameters", "--auth_pwd_env=NOT_SET_ANYWHERE");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stdout()).startsWith("ERROR: Environment variable 'NOT_SET_ANYWHERE' named by auth_pwd_env");
    }

    @Test
    void unknownCommandExits2() throws Exception {
        ItopProcess.Result result = itop("frobnicate.php", "--k=v");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).startsWith("ERROR: Unknown command 'frobnicate.php'\n");
    }

    @Test
    void missingCommandExits2() throws Exception {
        ItopProcess.Result result = itop("-q");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).startsWith("ERROR: Missing command\n");
    }

    @Test
    void generalHelpListsServices() throws Exception {
        ItopProcess.Result result = itop("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).startsWith("Usage: itop <command> [--name=value ...]\n");
        assertThat(result.stdout()).contains("  import ", "  export ", "  synchro_import ", "  synchro_exec ",
                "  cron ", "  echo_parameters ", "import.php", "export-v2.php", "cron.php");
    }

    @Test
    void serviceHelpByItopPageName() throws Exception {
        Map<String, String> pageToName = Map.of(
                "import.php", "import",
                "webservices/import.php", "import",
                "export-v2.php", "export",
                "synchro/synchro_import.php", "synchro_import",
                "synchro/synchro_exec.php", "synchro_exec",
                "webservices/cron.php", "cron");
        for (Map.Entry<String, String> entry : pageToName.entrySet()) {
            ItopProcess.Result byPage = itop(entry.getKey(), "--help");
            ItopProcess.Result byName = itop(entry.getValue(), "--help");

            assertThat(byPage.exitCode()).as(entry.getKey()).isZero();
            assertThat(byPage.stdout()).as(entry.getKey()).isNotBlank().isEqualTo(byName.stdout());
            assertThat(byPage.stderr()).as(entry.getKey()).isEmpty();
        }
    }

    @Test
    void binItopScriptRunsLauncher() throws Exception {
        Path script = Path.of("").toAbsolutePath().getParent().resolve("bin/itop");
        assumeThat(Files.isExecutable(script)).as("bin/itop is run from the itop-cli module directory").isTrue();
        String logbackOption = "-Dlogback.configurationFile=" + getClass().getClassLoader().getResource("logback.xml");

        ItopProcess.Result result = ItopProcess.start(List.of(script.toString(), "-q", "webservices/echo.php", "--k=v", "--exit_with=3"),
                directory, Map.of("ITOP_CLASSPATH", System.getProperty("java.class.path"), "ITOP_JAVA_OPTS", logbackOption));

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).contains("k = 'v' (command-line argument #1)\n");
        assertThat(result.stderr()).isEqualTo("progress: echo_parameters started\n");
    }
}
