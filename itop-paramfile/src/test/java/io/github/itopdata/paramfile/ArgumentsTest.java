package io.github.itopdata.paramfile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Parsing of {@code --name=value} command-line tokens. */
class ArgumentsTest {

    @Test
    void nameValueTokens() {
        Arguments arguments = Arguments.parse("--class=Person", "--csvfile=p.csv", "--comment=a=b", "--empty=");

        assertThat(arguments.all()).extracting(Argument::name, Argument::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple("class", "Person"),
                org.assertj.core.groups.Tuple.tuple("csvfile", "p.csv"),
                org.assertj.core.groups.Tuple.tuple("comment", "a=b"),
                org.assertj.core.groups.Tuple.tuple("empty", ""));
        assertThat(arguments.firstMalformed()).isEmpty();
        assertThat(arguments.helpRequested()).isFalse();
    }

    @Test
    void repeatedNameLastWins() {
        assertThat(Arguments.parse("--auth_user=alice", "--auth_user=bob").last("auth_user")).contains("bob");
    }

    @Test
    void helpAndShortHelp() {
        assertThat(Arguments.parse("--help").helpRequested()).isTrue();
        assertThat(Arguments.parse("--class=Person", "-h").helpRequested()).isTrue();
    }

    @Test
    void helpIsReportedTogetherWithMalformedToken() {
        Arguments arguments = Arguments.parse("--simulate", "--help");

        assertThat(arguments.helpRequested()).isTrue();
        assertThat(arguments.firstMalformed()).isPresent();
    }

    @Test
    void compatibilityTokensAreIgnored() {
        Arguments arguments = Arguments.parse("-q", "--", "--param_file=cron.params");

        assertThat(arguments.firstMalformed()).isEmpty();
        assertThat(arguments.all()).hasSize(1);
        assertThat(arguments.all().get(0).position()).isEqualTo(3);
    }

    @Test
    void flagWithoutValueIsMalformed() {
        MalformedArgument malformed = Arguments.parse("--simulate").firstMalformed().orElseThrow();

        assertThat(malformed.message()).isEqualTo("Malformed argument '--simulate', expected --simulate=<value>");
    }

    @Test
    void blankSeparatedValueNamesFirstToken() {
        Arguments arguments = Arguments.parse("--auth_user", "alice", "--auth_pwd", "pw", "--class=Person");

        assertThat(arguments.firstMalformed()).get().extracting(MalformedArgument::message)
                .isEqualTo("Malformed argument '--auth_user', expected --auth_user=<value>");
    }

    @Test
    void tokenWithoutDashesHidesItsValue() {
        MalformedArgument malformed = Arguments.parse("auth_user=alice").firstMalformed().orElseThrow();

        assertThat(malformed.message()).isEqualTo("Malformed argument 'auth_user', expected --<name>=<value>");
    }

    @Test
    void singleDashTokenHidesItsValue() {
        MalformedArgument malformed = Arguments.parse("-auth_pwd=secret").firstMalformed().orElseThrow();

        assertThat(malformed.message())
                .isEqualTo("Malformed argument '-auth_pwd', expected --<name>=<value>")
                .doesNotContain("secret");
    }

    @Test
    void bareWordIsMalformed() {
        assertThat(Arguments.parse("--simulate=1", "1").firstMalformed()).get()
                .extracting(MalformedArgument::message)
                .isEqualTo("Malformed argument '1', expected --<name>=<value>");
    }

    @Test
    void emptyNameIsMalformed() {
        assertThat(Arguments.parse("--=x").firstMalformed()).get()
                .extracting(MalformedArgument::message)
                .isEqualTo("Malformed argument '--', expected --<name>=<value>");
    }

    @Test
    void namesAreCaseSensitive() {
        Arguments arguments = Arguments.parse("--Class=Person");

        assertThat(arguments.last("class")).isEmpty();
        assertThat(arguments.unknownNames(java.util.Set.of("class"))).containsExactly("Class");
    }

    @Test
    void toStringMasksSecrets() {
        assertThat(Arguments.parse("--auth_pwd=hunter2", "--auth_user=alice").toString())
                .isEqualTo("[--auth_pwd=********, --auth_user='alice']");
    }
}
