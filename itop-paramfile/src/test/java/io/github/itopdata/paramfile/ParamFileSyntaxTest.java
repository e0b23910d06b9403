package io.github.itopdata.paramfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The byte-level syntax of parameters files. File contents are written as Java strings whose
 * characters stand for single bytes (ISO-8859-1), so {@code "\u00EF"} is the byte 0xEF.
 */
class ParamFileSyntaxTest {

    private static final String PATH = "test.params";

    private final ParamFileParser parser = ParamFileParser.forParamFiles();

    private ParsedParamFile parse(String bytes) throws ParamFileException {
        return parser.parse(bytes.getBytes(StandardCharsets.ISO_8859_1), PATH);
    }

    private Map<String, String> map(String bytes) throws ParamFileException {
        Map<String, String> map = new LinkedHashMap<>();
        parse(bytes).entries().forEach(entry -> map.put(entry.name(), entry.value()));
        return map;
    }

    @Test
    void credentialsWithBlanksAroundEquals() throws Exception {
        assertThat(map("auth_user = alice\nauth_pwd = S3cret!\n"))
                .containsExactly(entry("auth_user", "alice"), entry("auth_pwd", "S3cret!"));
    }

    @Test
    void keyAndValueWithoutBlanks() throws Exception {
        assertThat(map("auth_user=alice\n")).containsExactly(entry("auth_user", "alice"));
    }

    @Test
    void tabsAndBlanksAreTrimmed() throws Exception {
        assertThat(map("\tauth_user\t=\t alice \t\n")).containsExactly(entry("auth_user", "alice"));
    }

    @Test
    void commentAndBlankLinesAreSkippedSilently() throws Exception {
        ParsedParamFile file = parse("# header\n\n   # indented comment\nauth_user = alice\n");

        assertThat(file.entries()).extracting(Parameter::name, Parameter::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("auth_user", "alice"));
        assertThat(file.warnings()).isEmpty();
    }

    @Test
    void trailingCommentIsCut() throws Exception {
        assertThat(map("size_min = 20 # Megabytes\n")).containsExactly(entry("size_min", "20"));
    }

    @Test
    void hashInsideValueStartsComment() throws Exception {
        assertThat(map("auth_pwd = ab#cd\n")).containsExactly(entry("auth_pwd", "ab"));
    }

    @Test
    void emptyValueIsPresent() throws Exception {
        assertThat(map("auth_pwd =\n")).containsExactly(entry("auth_pwd", ""));
    }

    @Test
    void lineWithoutEqualsIsIgnoredWithWarning() throws Exception {
        ParsedParamFile file = parse("verbose\n");

        assertThat(file.entries()).isEmpty();
        assertThat(file.warnings()).extracting(ParamFileWarning::message)
                .containsExactly("Warning: test.params:1: ignored, expected 'key = value'");
    }

    @Test
    void blankInsideKeyIsIgnoredWithWarning() throws Exception {
        ParsedParamFile file = parse("auth user = alice\n");

        assertThat(file.entries()).isEmpty();
        assertThat(file.warnings()).extracting(ParamFileWarning::type)
                .containsExactly(ParamFileWarning.Type.IGNORED_LINE);
    }

    @Test
    void emptyKeyIsIgnoredWithWarning() throws Exception {
        ParsedParamFile file = parse("= orphan\n");

        assertThat(file.entries()).isEmpty();
        assertThat(file.warnings()).extracting(ParamFileWarning::message)
                .containsExactly("Warning: test.params:1: ignored, expected 'key = value'");
    }

    @Test
    void urlValueKeepsItsEquals() throws Exception {
        assertThat(map("url = http://h.example/x?y=1\n")).containsExactly(entry("url", "http://h.example/x?y=1"));
    }

    @Test
    void keyEndsAtFirstEquals() throws Exception {
        assertThat(map("a=b=c\n")).containsExactly(entry("a", "b=c"));
    }

    @Test
    void urlWithoutBlanksKeepsKeyAtFirstEquals() throws Exception {
        assertThat(map("url=http://h.example/x?y=1\n")).containsExactly(entry("url", "http://h.example/x?y=1"));
    }

    @Test
    void secondEqualsBelongsToValue() throws Exception {
        assertThat(map("key = = value\n")).containsExactly(entry("key", "= value"));
    }

    @Test
    void blankAfterFirstValueTokenKeepsRestInValue() throws Exception {
        assertThat(map("key=x y=z\n")).containsExactly(entry("key", "x y=z"));
    }

    @Test
    void quotesAreKept() throws Exception {
        assertThat(map("comment = \"Nightly load\"\n")).containsExactly(entry("comment", "\"Nightly load\""));
    }

    @Test
    void innerBlanksAreKept() throws Exception {
        assertThat(map("comment =   two  inner  blanks   \n")).containsExactly(entry("comment", "two  inner  blanks"));
    }

    @Test
    void duplicateKeyLastWinsWithRedefinedWarning() throws Exception {
        ParsedParamFile file = parse("k = 1\nk = 2\n");

        assertThat(Parameters.builder().file(file).build().get("k")).contains("2");
        assertThat(file.warnings()).extracting(ParamFileWarning::type, ParamFileWarning::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        ParamFileWarning.Type.REDEFINED_KEY, "Warning: test.params:2: 'k' redefined"));
    }

    @Test
    void keysAreCaseSensitive() throws Exception {
        Parameters parameters = Parameters.builder().file(parse("AUTH_USER = alice\n")).build();

        assertThat(parameters.names()).containsExactly("AUTH_USER");
        assertThatThrownBy(() -> parameters.require("auth_user"))
                .isInstanceOf(MissingParameterException.class)
                .hasMessage("Missing argument 'auth_user'");
    }

    @Test
    void crlfLineEndings() throws Exception {
        assertThat(map("auth_user = alice\r\nauth_pwd = pw\r\n"))
                .containsExactly(entry("auth_user", "alice"), entry("auth_pwd", "pw"));
    }

    @Test
    void loneCrLineEndings() throws Exception {
        assertThat(map("auth_user = alice\rauth_pwd = pw\r"))
                .containsExactly(entry("auth_user", "alice"), entry("auth_pwd", "pw"));
    }

    @Test
    void mixedLineEndingsCountLines() throws Exception {
        ParsedParamFile file = parse("a = 1\r\nb = 2\rc = 3\nd = 4");

        assertThat(file.entries()).extracting(entry -> entry.origin().position()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void byteOrderMarkIsStrippedBeforeFirstKey() throws Exception {
        assertThat(map("\u00EF\u00BB\u00BFauth_user = alice\nauth_pwd = pw\n"))
                .containsExactly(entry("auth_user", "alice"), entry("auth_pwd", "pw"));
    }

    @Test
    void byteOrderMarkBeforeCommentIsHarmless() throws Exception {
        assertThat(map("\u00EF\u00BB\u00BF# cron credentials\nauth_user = alice\n"))
                .containsExactly(entry("auth_user", "alice"));
    }

    @Test
    void onlyOneByteOrderMarkIsStripped() throws Exception {
        assertThat(map("\u00EF\u00BB\u00BF\u00EF\u00BB\u00BFk = v\n")).containsExactly(entry("\uFEFFk", "v"));
    }

    @Test
    void utf8ValueIsDecoded() throws Exception {
        assertThat(map("comment = Caf\u00C3\u00A9 import\n")).containsExactly(entry("comment", "Café import"));
    }

    @Test
    void latin1ValueIsRejected() {
        assertThatThrownBy(() -> parse("auth_pwd = \u00E9t\u00E9\n"))
                .isInstanceOf(ParamFileException.class)
                .hasMessage("Could not load parameter file: 'test.params' (line 1: not valid UTF-8)")
                .satisfies(e -> assertThat(((ParamFileException) e).exitCode()).isEqualTo(254));
    }

    @Test
    void latin1KeyIsRejectedWithItsLine() {
        assertThatThrownBy(() -> parse("a = 1\n\nd\u00E9but = 2\n"))
                .isInstanceOf(ParamFileException.class)
                .hasMessage("Could not load parameter file: 'test.params' (line 3: not valid UTF-8)");
    }

    @Test
    void latin1CommentIsTolerated() throws Exception {
        assertThat(map("# r\u00E9glages\nk = v # caf\u00E9\n")).containsExactly(entry("k", "v"));
    }

    @Test
    void dashedKeyIsKeptAsWritten() throws Exception {
        assertThat(map("--auth_user=alice\n")).containsExactly(entry("--auth_user", "alice"));
    }

    @Test
    void lastLineWithoutNewline() throws Exception {
        assertThat(map("auth_user = alice")).containsExactly(entry("auth_user", "alice"));
    }

    @Test
    void emptyFileGivesNoParameter() throws Exception {
        ParsedParamFile file = parse("");

        assertThat(file.entries()).isEmpty();
        assertThat(file.warnings()).isEmpty();
    }

    @Test
    void paramFileKeyIsOrdinary() throws Exception {
        assertThat(map("param_file = other.params\n")).containsExactly(entry("param_file", "other.params"));
    }

    @Test
    void formFeedAndNoBreakSpaceAreNotTrimmed() throws Exception {
        assertThat(map("k = \fv\f\n")).containsExactly(entry("k", "\fv\f"));
        assertThat(map("k = v\u00C2\u00A0\n")).containsExactly(entry("k", "v\u00A0"));
    }

    @Test
    void nulAndVerticalTabAreTrimmed() throws Exception {
        assertThat(map("\u0000\u000Bk\u000B=\u0000v\u0000\u000B\n")).containsExactly(entry("k", "v"));
    }

    @Test
    void formFeedInsideKeyIsBlank() throws Exception {
        ParsedParamFile file = parse("a\fb = v\n");

        assertThat(file.entries()).isEmpty();
        assertThat(file.warnings()).hasSize(1);
    }

    @Test
    void entriesRecordFileAndLine() throws Exception {
        ParsedParamFile file = parse("# comment\n\nauth_user = alice\n");

        assertThat(file.entries()).singleElement()
                .extracting(Parameter::origin)
                .isEqualTo(ParameterOrigin.paramFile(PATH, 3));
    }

    @Test
    void configFileEntriesHaveConfigOrigin() throws Exception {
        ParsedParamFile file = ParamFileParser.forConfigFile()
                .parse("db_url = jdbc:postgresql://127.0.0.1/itop\n".getBytes(StandardCharsets.UTF_8), "itop.conf");

        assertThat(file.entries()).singleElement()
                .extracting(Parameter::origin)
                .isEqualTo(ParameterOrigin.configFile("itop.conf", 1));
    }

    @Test
    void binaryGarbageNeverFailsOnIgnoredLines() throws Exception {
        StringBuilder garbage = new StringBuilder();
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 20_000; i++) {
            char c = (char) random.nextInt(256);
            garbage.append(c == '=' ? 'x' : c);
        }
        garbage.append("\nk = v\n");

        assertThat(map(garbage.toString())).containsEntry("k", "v");
    }

    @Test
    void binaryGarbageWithEqualsIsRejectedAsInvalidUtf8() {
        assertThatThrownBy(() -> parse("k = \u0089\u00FF\u00FE\u0000\u0001=\n"))
                .isInstanceOf(ParamFileException.class)
                .hasMessageContaining("not valid UTF-8");
    }

    @Test
    void oneMegabyteLineIsParsed() throws Exception {
        String value = "x".repeat(1_000_000);

        assertThat(map("long = " + value + "\n").get("long")).hasSize(1_000_000);
    }
}
