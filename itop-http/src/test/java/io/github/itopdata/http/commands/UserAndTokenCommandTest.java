package io.github.itopdata.http.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.core.auth.Authenticator;
import io.github.itopdata.core.auth.Profile;
import io.github.itopdata.core.auth.ThrottlePolicy;
import io.github.itopdata.core.auth.Users;
import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.testing.PostgresExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import io.github.itopdata.paramfile.Arguments;
import io.github.itopdata.paramfile.Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class UserAndTokenCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Parses arguments as the launcher does; the first token is the action. */
    private static Parameters arguments(String action, String... tokens) {
        List<String> all = new ArrayList<>();
        all.add("--action=" + action);
        all.addAll(List.of(tokens));
        return Parameters.builder().arguments(Arguments.parse(all)).build();
    }

    private int user(Database database, String input, String action, String... tokens) {
        InputStream in = new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
        return new UserCommand(database).run(arguments(action, tokens), in,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private int token(Database database, String action, String... tokens) {
        return new TokenCommand(database).run(arguments(action, tokens), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static boolean logsIn(Database database, String login, String password) {
        return new Authenticator(database.jdbi(), ThrottlePolicy.DEFAULT, duration -> { })
                .checkPassword(login, password, "cli").succeeded();
    }

    @Test
    void userCreateWithProfilesAndPassword(Database database) {
        int exit = user(database, "", "create", "--login=carol", "--password=c-pw", "--profiles=Administrator,reader");

        assertThat(exit).isZero();
        assertThat(output()).isEqualTo("Created user 'carol' with profiles Administrator, Reader\n");
        assertThat(new Users(database).find("carol").orElseThrow().profiles())
                .containsExactlyInAnyOrder(Profile.ADMINISTRATOR, Profile.READER);
        assertThat(logsIn(database, "carol", "c-pw")).isTrue();
    }

    @Test
    void userPasswordReadFromStandardInput(Database database) {
        user(database, "first-pw\n", "create", "--login=dan");

        int exit = user(database, "second-pw\n", "password", "--login=dan");

        assertThat(exit).isZero();
        assertThat(logsIn(database, "dan", "second-pw")).isTrue();
        assertThat(logsIn(database, "dan", "first-pw")).isFalse();
    }

    @Test
    void userGrantRevokeAndList(Database database) {
        user(database, "", "create", "--login=erin", "--password=e-pw");

        user(database, "", "grant", "--login=erin", "--profile=Configuration Manager");
        user(database, "", "grant", "--login=erin", "--profile=reader");
        user(database, "", "revoke", "--login=erin", "--profile=Reader");
        out.reset();
        user(database, "", "list");

        assertThat(output()).contains("erin\tConfiguration Manager\n");
    }

    @Test
    void userUnknownProfileIsArgumentError(Database database) {
        int exit = user(database, "", "create", "--login=frank", "--password=x", "--profiles=Portal user");

        assertThat(exit).isEqualTo(2);
        assertThat(errors()).startsWith("ERROR: Unknown profile 'Portal user'; expected one of 'Administrator',");
        assertThat(new Users(database).find("frank")).isEmpty();
    }

    @Test
    void userMissingLoginIsArgumentError(Database database) {
        int exit = user(database, "", "create", "--password=x");

        assertThat(exit).isEqualTo(2);
        assertThat(errors()).startsWith("ERROR: Missing argument 'login'\nUSAGE: itop user");
    }

    @Test
    void userUnknownActionIsArgumentError(Database database) {
        int exit = user(database, "", "rename", "--login=gina");

        assertThat(exit).isEqualTo(2);
        assertThat(errors()).startsWith("ERROR: Unknown action 'rename'; expected create, password,");
    }

    @Test
    void userDuplicateIsRejected(Database database) {
        user(database, "", "create", "--login=hank", "--password=x");

        int exit = user(database, "", "create", "--login=HANK", "--password=y");

        assertThat(exit).isEqualTo(1);
        assertThat(errors()).startsWith("ERROR: User 'HANK' already exists");
    }

    @Test
    void tokenCreateListAndRevoke(Database database) {
        user(database, "", "create", "--login=ivan", "--password=x", "--profiles=Reader");
        out.reset();

        int created = token(database, "create", "--login=ivan", "--description=nightly export", "--expires_in_days=7");
        String secret = output().lines().findFirst().orElseThrow();
        String id = output().replaceAll("(?s).*# Token (\\d+) .*", "$1");
        Authenticator authenticator = new Authenticator(database.jdbi(), ThrottlePolicy.DEFAULT, duration -> { });
        boolean beforeRevoke = authenticator.checkToken(secret, "cli").succeeded();
        out.reset();
        int revoked = token(database, "revoke", "--id=" + id);
        out.reset();
        token(database, "list", "--login=ivan");

        assertThat(created).isZero();
        assertThat(secret).startsWith("itop_");
        assertThat(beforeRevoke).isTrue();
        assertThat(revoked).isZero();
        assertThat(authenticator.checkToken(secret, "cli").succeeded()).isFalse();
        assertThat(output()).contains("\tivan\t").contains("\trevoked\tnightly export\n");
        assertThat(output()).doesNotContain(secret);
    }

    @Test
    void tokenForUnknownUserIsRejected(Database database) {
        int exit = token(database, "create", "--login=nobody");

        assertThat(exit).isEqualTo(1);
        assertThat(errors()).startsWith("ERROR: User 'nobody' not found");
    }

    @Test
    void tokenInvalidExpiryIsArgumentError(Database database) {
        int exit = token(database, "create", "--login=x", "--expires_in_days=soon");

        assertThat(exit).isEqualTo(2);
        assertThat(errors()).startsWith("ERROR: Invalid expires_in_days 'soon': expected a positive whole number");
    }
}
