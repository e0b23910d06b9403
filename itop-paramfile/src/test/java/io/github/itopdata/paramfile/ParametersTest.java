package io.github.itopdata.paramfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Merging parameters from their origins, typed reading, and masked diagnostics. */
class ParametersTest {

    private static ParsedParamFile file(String content) throws ParamFileException {
        return ParamFileParser.forParamFiles().parse(content.getBytes(StandardCharsets.UTF_8), "cron.params");
    }

    private static Parameters merge(String fileContent, String... arguments) throws ParamFileException {
        return Parameters.builder().file(file(fileContent)).arguments(Arguments.parse(arguments)).build();
    }

    @Test
    void argumentOverridesFile() throws Exception {
        Parameters parameters = merge("auth_user = alice\n", "--auth_user=bob");

        assertThat(parameters.get("auth_user")).contains("bob");
        assertThat(parameters.origin("auth_user")).contains(ParameterOrigin.argument(1));
        assertThat(parameters.history("auth_user")).extracting(Parameter::value).containsExactly("alice", "bob");
    }

    @Test
    void emptyArgumentOverridesFile() throws Exception {
        Parameters parameters = merge("auth_pwd = pw\n", "--auth_pwd=");

        assertThat(parameters.get("auth_pwd")).contains("");
        assertThat(parameters.require("auth_pwd")).isEmpty();
    }

    @Test
    void emptyFileValueOverridesDefault() throws Exception {
        Parameters parameters = Parameters.builder()
                .defaults(Map.of("auth_pwd", "default"))
                .file(file("auth_pwd =\n"))
                .build();

        assertThat(parameters.get("auth_pwd")).contains("");
    }

    @Test
    void precedenceDoesNotDependOnCallOrder() throws Exception {
        Parameters parameters = Parameters.builder()
                .arguments(Arguments.parse("--k=argument"))
                .file(file("k = file\n"))
                .environment(Map.of("ITOP_K", "environment"))
                .defaults(Map.of("k", "default"))
                .build();

        assertThat(parameters.get("k")).contains("argument");
        assertThat(parameters.history("k")).extracting(p -> p.origin().kind()).containsExactly(
                ParameterOrigin.Kind.DEFAULT, ParameterOrigin.Kind.ENVIRONMENT,
                ParameterOrigin.Kind.PARAM_FILE, ParameterOrigin.Kind.ARGUMENT);
    }

    @Test
    void configFileIsBelowEnvironment() throws Exception {
        ParsedParamFile config = ParamFileParser.forConfigFile()
                .parse("db_url = from-config\nport = 8080\n".getBytes(StandardCharsets.UTF_8), "itop.conf");

        Parameters parameters = Parameters.builder()
                .file(config)
                .environment(Map.of("ITOP_DB_URL", "from-environment", "ITOP_CONF", "/etc/itop.conf", "PATH", "/bin"))
                .build();

        assertThat(parameters.get("db_url")).contains("from-environment");
        assertThat(parameters.get("port")).contains("8080");
        assertThat(parameters.names()).containsExactly("db_url", "port");
    }

    @Test
    void repeatedArgumentLastWins() {
        Parameters parameters = Parameters.builder().arguments(Arguments.parse("--auth_user=alice", "--auth_user=bob")).build();

        assertThat(parameters.get("auth_user")).contains("bob");
    }

    @Test
    void withoutArgumentsKeepsFileOnlyParameter() throws Exception {
        Parameters fromFile = merge("no_localize = 1\n");
        Parameters fromArgument = merge("", "--no_localize=1");

        assertThat(fromFile.without(ParameterOrigin.Kind.ARGUMENT).getOrDefault("no_localize", "0")).isEqualTo("1");
        assertThat(fromArgument.without(ParameterOrigin.Kind.ARGUMENT).getOrDefault("no_localize", "0")).isEqualTo("0");
    }

    @Test
    void filterRejectsPunctuationSilently() throws Exception {
        Parameters parameters = merge("simulate = yes!\noutput = details\n");

        assertThat(parameters.getFiltered("simulate", "0")).isEqualTo("0");
        assertThat(parameters.getFiltered("output", "summary")).isEqualTo("details");
        assertThat(parameters.getFiltered("absent", "x")).isEqualTo("x");
    }

    @Test
    void truthinessFollowsPhp() throws Exception {
        Parameters parameters = merge("verbose = no\ndebug = false\nquiet = 0\nempty =\n");

        assertThat(parameters.getTruthy("verbose")).isTrue();
        assertThat(parameters.getTruthy("debug")).isTrue();
        assertThat(parameters.getTruthy("quiet")).isFalse();
        assertThat(parameters.getTruthy("empty")).isFalse();
        assertThat(parameters.getTruthy("absent")).isFalse();
    }

    @Test
    void isOneAcceptsOnlyOne() throws Exception {
        Parameters parameters = merge("a = 1\nb = yes\nc = 01\n");

        assertThat(parameters.isOne("a")).isTrue();
        assertThat(parameters.isOne("b")).isFalse();
        assertThat(parameters.isOne("c")).isFalse();
        assertThat(parameters.isOne("absent")).isFalse();
    }

    @Test
    void strictBooleanForms() throws Exception {
        Parameters parameters = merge("a = TRUE\nb = off\nc = 1\nd = maybe\n");

        assertThat(parameters.getBoolean("a", false)).isTrue();
        assertThat(parameters.getBoolean("b", true)).isFalse();
        assertThat(parameters.getBoolean("c", false)).isTrue();
        assertThat(parameters.getBoolean("absent", true)).isTrue();
        assertThatThrownBy(() -> parameters.getBoolean("d", false))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("Invalid value 'maybe' for 'd' (parameters file cron.params:4): "
                        + "expected one of 1, true, yes, on, 0, false, no, off");
    }

    @Test
    void integerReading() throws Exception {
        Parameters parameters = merge("size = 500\nneg = -3\nbad = 12abc\nhuge = 99999999999\n", "--chunk= 20 ");

        assertThat(parameters.getInt("size", 0)).isEqualTo(500);
        assertThat(parameters.getInt("neg", 0)).isEqualTo(-3);
        assertThat(parameters.getInt("chunk", 0)).isEqualTo(20);
        assertThat(parameters.getInt("absent", 7)).isEqualTo(7);
        assertThat(parameters.getLong("huge", 0)).isEqualTo(99_999_999_999L);
        assertThatThrownBy(() -> parameters.getInt("bad", 0))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("Invalid value '12abc' for 'bad' (parameters file cron.params:3): expected an integer");
        assertThatThrownBy(() -> parameters.getInt("huge", 0))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageEndingWith("expected an integer from -2147483648 to 2147483647");
    }

    @Test
    void integerRangeIsChecked() {
        Parameters parameters = Parameters.builder().arguments(Arguments.parse("--max_chunk_size=-1")).build();

        assertThatThrownBy(() -> parameters.getInt("max_chunk_size", 0, 0, Integer.MAX_VALUE))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("Invalid value '-1' for 'max_chunk_size' (command-line argument #1): expected an integer of at least 0")
                .extracting(e -> ((InvalidParameterException) e).exitCode()).isEqualTo(2);
    }

    enum Output { SUMMARY, DETAILS, RETCODE }

    @Test
    void choiceListsValidValues() {
        Parameters parameters = Parameters.builder().arguments(Arguments.parse("--output=details", "--format=pdf")).build();

        assertThat(parameters.getChoice("output", Output.class, Output.SUMMARY)).isEqualTo(Output.DETAILS);
        assertThat(parameters.getChoice("absent", Output.class, Output.SUMMARY)).isEqualTo(Output.SUMMARY);
        assertThatThrownBy(() -> parameters.getChoice("format", List.of("csv", "html", "xml"), "csv"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("Invalid value 'pdf' for 'format' (command-line argument #2): expected one of csv, html, xml");
    }

    @Test
    void invalidSecretValueIsMasked() {
        Parameters parameters = Parameters.builder().arguments(Arguments.parse("--auth_pwd=hunter2")).build();

        assertThatThrownBy(() -> parameters.getInt("auth_pwd", 0))
                .hasMessageNotContaining("hunter2")
                .hasMessageContaining("********");
    }

    @Test
    void unknownArgumentsOnlyFromCommandLine() throws Exception {
        Parameters parameters = merge("unknown_in_file = 1\n", "--class=Person", "--Class=Person", "--bogus=secret");

        assertThat(parameters.unknownArguments(Set.of("class", "auth_user")))
                .containsExactlyInAnyOrder("Class", "bogus");
        assertThat(Arguments.unknownArgumentWarning("bogus")).isEqualTo("Warning: unknown argument '--bogus' ignored");
    }

    @Test
    void describeMasksSecretsAndQuotesValues() throws Exception {
        Parameters parameters = Parameters.builder()
                .defaults(Map.of("verbose", "0"))
                .file(file("auth_user = alice\nauth_pwd = S3cret!\ncomment = two  words\n"))
                .arguments(Arguments.parse("--verbose=1", "--auth_token=tok-123", "--db_password=pg", "--empty="))
                .build();

        String description = parameters.describe();

        assertThat(description).doesNotContain("S3cret!", "tok-123", "pg'");
        assertThat(description).isEqualTo("""
                auth_pwd = ******** (parameters file cron.params:2)
                auth_token = ******** (command-line argument #2)
                auth_user = 'alice' (parameters file cron.params:1)
                comment = 'two  words' (parameters file cron.params:3)
                db_password = ******** (command-line argument #3)
                empty = '' (command-line argument #4)
                verbose = '1' (command-line argument #1), replaces default
                """);
        assertThat(parameters.toString()).doesNotContain("S3cret!", "tok-123");
    }

    @Test
    void quotingEscapesControlCharacters() {
        assertThat(SecretNames.quote("a'b\\c\n\t\u0001")).isEqualTo("'a\\'b\\\\c\\n\\t\\x01'");
    }

    @Test
    void secretNames() {
        assertThat(SecretNames.isSecret("auth_pwd")).isTrue();
        assertThat(SecretNames.isSecret("AUTH_PWD")).isTrue();
        assertThat(SecretNames.isSecret("smtp_password")).isTrue();
        assertThat(SecretNames.isSecret("api_secret")).isTrue();
        assertThat(SecretNames.isSecret("auth_token")).isTrue();
        assertThat(SecretNames.isSecret("auth_user")).isFalse();
        assertThat(SecretNames.isSecret("class")).isFalse();
    }

    @Test
    void passwordFromEnvironmentVariable() throws Exception {
        Parameters parameters = merge("auth_user = alice\nauth_pwd_env = CRON_PASSWORD\n")
                .withPasswordFromEnvironment(Map.of("CRON_PASSWORD", " p#ss "));

        assertThat(parameters.get("auth_pwd")).contains(" p#ss ");
        assertThat(parameters.origin("auth_pwd")).contains(ParameterOrigin.environment("CRON_PASSWORD"));
    }

    @Test
    void explicitPasswordWinsOverEnvironmentVariable() throws Exception {
        Parameters parameters = merge("auth_pwd_env = CRON_PASSWORD\n", "--auth_pwd=given")
                .withPasswordFromEnvironment(Map.of("CRON_PASSWORD", "from-environment"));

        assertThat(parameters.get("auth_pwd")).contains("given");
    }

    @Test
    void unsetPasswordVariableIsAnError() throws Exception {
        Parameters parameters = merge("auth_pwd_env = NOT_SET_ANYWHERE\n");

        assertThatThrownBy(() -> parameters.withPasswordFromEnvironment(Map.of()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("Environment variable 'NOT_SET_ANYWHERE' named by auth_pwd_env "
                        + "(parameters file cron.params:1) is not set; export it or give auth_pwd");
    }

    @Test
    void trimSetMatchesFiles() {
        assertThat(ParameterValues.trim(" \t\r\n\u0000\u000Bv\u000B ")).isEqualTo("v");
        assertThat(ParameterValues.trim("\fv\u00A0")).isEqualTo("\fv\u00A0");
    }
}
