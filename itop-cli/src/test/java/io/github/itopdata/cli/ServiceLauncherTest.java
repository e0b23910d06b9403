package io.github.itopdata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.core.auth.Profile;
import io.github.itopdata.core.auth.Users;
import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.db.DatabaseSettings;
import io.github.itopdata.core.testing.PostgresExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service run through the real launcher process against a real PostgreSQL: credentials checked
 * against the product's users, the service's messages and exit statuses, and where output goes.
 */
class ServiceLauncherTest {

    private static String jdbcUrl;

    @TempDir
    Path directory;

    @BeforeAll
    static void createUsers() {
        jdbcUrl = PostgresExtension.createDatabase("service_launcher");
        try (Database database = Database.open(DatabaseSettings.external(jdbcUrl, "postgres", "")).migrate()) {
            Users users = new Users(database);
            users.create("alice", "S3cret!", Set.of(Profile.ADMINISTRATOR));
            users.create("bob", " p#ss ", Set.of(Profile.READER));
        }
    }

    @BeforeEach
    void writeConfiguration() throws IOException {
        write("itop.conf", "db_url = " + jdbcUrl + "\ndb_user = postgres\ndb_password =\n");
    }

    private Path write(String name, String content) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private ItopProcess.Result itop(String... args) throws IOException, InterruptedException {
        return ItopProcess.run(directory, Map.of(), args);
    }

    @Test
    void databaseWithoutUsersHintsAtSetup() throws Exception {
        String emptyUrl = PostgresExtension.createDatabase("service_launcher_empty");
        write("itop.conf", "db_url = " + emptyUrl + "\ndb_user = postgres\ndb_password =\n");

        ItopProcess.Result result = itop("import", "--auth_user=admin", "--auth_pwd=x", "--class=Organization",
                "--csvfile=none.csv");

        assertThat(result.exitCode()).isEqualTo(255);
        assertThat(result.stdout()).isEqualTo("Access restricted or wrong credentials ('admin')\n");
        assertThat(result.stderr()).contains("has no user yet; run 'itop setup");
    }

    @Test
    void wrongPasswordGivesNoSetupHint() throws Exception {
        ItopProcess.Result result = itop("import", "--auth_user=alice", "--auth_pwd=wrong", "--class=Organization",
                "--csvfile=none.csv");

        assertThat(result.exitCode()).isEqualTo(255);
        assertThat(result.stderr()).doesNotContain("itop setup");
    }

    @Test
    void validCredentialsRunService() throws Exception {
        write("cred.params", "auth_user = alice\nauth_pwd = S3cret!\n");

        ItopProcess.Result result = itop("/var/www/itop/webservices/whoami.php", "--param_file=cred.params",
                "--comment=nightly");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo("user=alice profiles=[Administrator] comment=nightly\n");
        assertThat(result.stderr()).contains("whoami: running for alice\n");
    }

    @Test
    void wrongPasswordExits255() throws Exception {
        ItopProcess.Result result = itop("whoami", "--auth_user=alice", "--auth_pwd=wrong");

        assertThat(result.exitCode()).isEqualTo(255);
        assertThat(result.stdout()).isEqualTo("Access restricted or wrong credentials ('alice')\n");
    }

    @Test
    void unknownUserExits255() throws Exception {
        ItopProcess.Result result = itop("whoami", "--auth_user=mallory", "--auth_pwd=S3cret!");

        assertThat(result.exitCode()).isEqualTo(255);
        assertThat(result.stdout()).isEqualTo("Access restricted or wrong credentials ('mallory')\n");
    }

    @Test
    void emptyArgumentOverridesFilePassword() throws Exception {
        write("cred.params", "auth_user = alice\nauth_pwd = S3cret!\n");

        ItopProcess.Result result = itop("whoami", "--param_file=cred.params", "--auth_pwd=");

        assertThat(result.exitCode()).isEqualTo(255);
        assertThat(result.stdout()).isEqualTo("Access restricted or wrong credentials ('alice')\n");
    }

    @Test
    void emptyFilePasswordIsWrongNotMissing() throws Exception {
        write("cred.params", "auth_user = alice\nauth_pwd =\n");

        ItopProcess.Result result = itop("whoami", "--param_file=cred.params");

        assertThat(result.exitCode()).isEqualTo(255);
        assertThat(result.stdout()).isEqualTo("Access restricted or wrong credentials ('alice')\n");
    }

    @Test
    void argumentOverridesFileLogin() throws Exception {
        write("cred.params", "auth_user = bob\nauth_pwd = S3cret!\n");

        ItopProcess.Result result = itop("whoami", "--param_file=cred.params", "--auth_user=alice");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).startsWith("user=alice ");
    }

    @Test
    void missingLoginPrintsMessageAndUsage() throws Exception {
        ItopProcess.Result result = itop("whoami", "--auth_pwd=S3cret!");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stdout()).isEqualTo("ERROR: Missing argument 'auth_user'\n\n" + WhoAmIService.USAGE);
    }

    @Test
    void upperCaseKeyIsNotLogin() throws Exception {
        write("cred.params", "AUTH_USER = alice\nauth_pwd = S3cret!\n");

        ItopProcess.Result result = itop("whoami", "--param_file=cred.params");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stdout()).startsWith("ERROR: Missing argument 'auth_user'\n");
    }

    @Test
    void missingPasswordPrintsMessageAndUsage() throws Exception {
        ItopProcess.Result result = itop("whoami", "--auth_user=alice");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stdout()).isEqualTo("ERROR: Missing argument 'auth_pwd'\n\n" + WhoAmIService.USAGE);
    }

    @Test
    void helpNeedsNoCredentialsNorDatabase() throws Exception {
        write("itop.conf", "db_url = jdbc:postgresql://127.0.0.1:1/nowhere\n");

        ItopProcess.Result result = itop("webservices/whoami.php", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo(WhoAmIService.USAGE);
    }

    @Test
    void serviceExitStatusIsPropagated() throws Exception {
        ItopProcess.Result result = itop("whoami", "--auth_user=alice", "--auth_pwd=S3cret!", "--exit_with=3");

        assertThat(result.exitCode()).isEqualTo(3);
    }

    @Test
    void unknownServiceArgumentWarns() throws Exception {
        ItopProcess.Result result = itop("whoami", "--auth_user=alice", "--auth_pwd=S3cret!", "--colour=red");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stderr()).contains("Warning: unknown argument '--colour' ignored\n");
        assertThat(result.stderr()).doesNotContain("unknown argument '--auth_user'", "unknown argument '--auth_pwd'");
    }

    @Test
    void passwordWithHashFromEnvironment() throws Exception {
        write("cred.params", "auth_user = bob\nauth_pwd_env = BOB_PASSWORD\n");

        ItopProcess.Result result = ItopProcess.run(directory, Map.of("BOB_PASSWORD", " p#ss "),
                "whoami", "--param_file=cred.params");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).startsWith("user=bob profiles=[Reader]");
    }

    @Test
    void unreachableDatabaseExits1() throws Exception {
        write("itop.conf", "db_url = jdbc:postgresql://127.0.0.1:1/nowhere\n");

        ItopProcess.Result result = itop("whoami", "--auth_user=alice", "--auth_pwd=S3cret!");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stdout()).startsWith("ERROR: ").endsWith("(details on standard error)\n");
        assertThat(result.stdout().lines()).hasSize(1);
        assertThat(result.stderr()).contains("Command whoami failed");
    }

    @Test
    void debugLogNeverShowsPassword() throws Exception {
        write("cred.params", "auth_user = alice\nauth_pwd = S3cret!\n");

        ItopProcess.Result result = ItopProcess.run(directory, Map.of("ITOP_LOG_LEVEL", "DEBUG"),
                "whoami", "--param_file=cred.params");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stderr()).contains("Running command whoami");
        assertThat(result.stderr()).doesNotContain("S3cret!");
        assertThat(result.stdout()).doesNotContain("S3cret!");
    }

    @Test
    void importScriptLineWithLauncherAsFirstWord() throws Exception {
        write("params.foo", "auth_user = alice\nauth_pwd = S3cret!\n");
        write("orgs.csv", "name,code\nLauncher Org,LNCH\n");

        // php -q /var/www/itop/webservices/import.php ..., with "php" replaced by the launcher.
        ItopProcess.Result result = itop("-q", "/var/www/itop/webservices/import.php", "--param_file=params.foo",
                "--class=Organization", "--csvfile=orgs.csv", "--reconciliationkeys=name", "--output=retcode");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo("0");
    }

    @Test
    void importWithWrongPasswordExits255() throws Exception {
        write("params.foo", "auth_user = alice\nauth_pwd = wrong\n");

        ItopProcess.Result result = itop("webservices/import.php", "--param_file=params.foo",
                "--class=Organization", "--csvfile=orgs.csv");

        assertThat(result.exitCode()).isEqualTo(255);
        assertThat(result.stdout()).isEqualTo("Access restricted or wrong credentials ('alice')\n");
    }
}
