package io.github.itopdata.paramfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading parameters files from disk: lists, precedence between files, and files that cannot be used. */
class ParamFileLoadingTest {

    @TempDir
    Path directory;

    private final ParamFileParser parser = ParamFileParser.forParamFiles();

    private Path write(String name, String content) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private Parameters load(String pathList) throws ParamFileException {
        return Parameters.builder().paramFiles(parser.loadAll(pathList, directory)).build();
    }

    @Test
    void laterFileOverridesEarlierOne() throws Exception {
        write("base.params", "auth_user = alice\nverbose = 0\n");
        write("override.params", "verbose = 1\n");

        ParamFiles files = parser.loadAll("base.params,override.params", directory);
        Parameters parameters = Parameters.builder().paramFiles(files).build();

        assertThat(parameters.asMap()).containsExactly(
                org.assertj.core.api.Assertions.entry("auth_user", "alice"),
                org.assertj.core.api.Assertions.entry("verbose", "1"));
        assertThat(parameters.origin("verbose")).contains(ParameterOrigin.paramFile("override.params", 1));
        assertThat(files.warnings()).extracting(ParamFileWarning::message)
                .containsExactly("Warning: override.params:1: 'verbose' redefined");
    }

    @Test
    void listElementsAreTrimmedAndEmptyOnesSkipped() throws Exception {
        write("a.params", "a = 1\n");
        write("b.params", "b = 2\n");

        Parameters parameters = load(" a.params ,, 0 ,\tb.params\n");

        assertThat(parameters.asMap()).containsOnlyKeys("a", "b");
    }

    @Test
    void emptyListOrZeroLoadsNothing() throws Exception {
        assertThat(parser.loadAll("", directory).files()).isEmpty();
        assertThat(parser.loadAll("0", directory).files()).isEmpty();
        assertThat(parser.loadAll(" , ", directory).files()).isEmpty();
    }

    @Test
    void relativePathResolvesAgainstWorkingDirectory() throws Exception {
        Files.createDirectories(directory.resolve("etc"));
        write("etc/cron.params", "auth_user = alice\n");

        Parameters parameters = load("etc/cron.params");

        assertThat(parameters.get("auth_user")).contains("alice");
        assertThat(parameters.origin("auth_user")).contains(ParameterOrigin.paramFile("etc/cron.params", 1));
    }

    @Test
    void absolutePathIgnoresWorkingDirectory() throws Exception {
        Path file = write("abs.params", "k = v\n");

        Parameters parameters = Parameters.builder()
                .paramFiles(parser.loadAll(file.toString(), Path.of("/nonexistent-working-directory")))
                .build();

        assertThat(parameters.get("k")).contains("v");
    }

    @Test
    void includedParamFileIsNeverOpened() throws Exception {
        write("outer.params", "param_file = inner.params\n");
        write("inner.params", "secret_marker = loaded\n");

        Parameters parameters = load("outer.params");

        assertThat(parameters.get("param_file")).contains("inner.params");
        assertThat(parameters.contains("secret_marker")).isFalse();
    }

    @Test
    void missingFileIsNotFound() {
        assertThatThrownBy(() -> parser.loadAll("/srv/none.params", directory))
                .isInstanceOf(ParamFileException.class)
                .hasMessage("Could not find the parameter file: '/srv/none.params'")
                .satisfies(e -> assertThat(((ParamFileException) e).exitCode()).isEqualTo(254));
    }

    @Test
    void missingFileMessageIsPlainText() {
        assertThatThrownBy(() -> parser.loadAll("/srv/a&b.params", directory))
                .hasMessage("Could not find the parameter file: '/srv/a&b.params'");
    }

    @Test
    void missingFileAbortsTheList() throws Exception {
        write("first.params", "a = 1\n");
        write("third.params", "c = 3\n");

        assertThatThrownBy(() -> parser.loadAll("first.params,second.params,third.params", directory))
                .isInstanceOf(ParamFileException.class)
                .hasMessage("Could not find the parameter file: 'second.params'")
                .extracting(e -> ((ParamFileException) e).path()).isEqualTo("second.params");
    }

    @Test
    void unreadableFileCannotBeLoaded() throws Exception {
        assumeThat(System.getProperty("user.name"))
                .as("root reads files of mode 000, so this case only holds for other users")
                .isNotEqualTo("root");
        Path file = write("locked.params", "auth_user = alice\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));

        assertThatThrownBy(() -> parser.loadAll("locked.params", directory))
                .isInstanceOf(ParamFileException.class)
                .hasMessage("Could not load parameter file: 'locked.params' (permission denied)");
    }

    @Test
    void directoryCannotBeLoaded() throws Exception {
        Files.createDirectories(directory.resolve("conf.d"));

        assertThatThrownBy(() -> parser.loadAll("conf.d", directory))
                .isInstanceOf(ParamFileException.class)
                .hasMessage("Could not load parameter file: 'conf.d' (it is a directory)");
    }

    @Test
    void fifoIsRejectedWithoutBlocking() throws Exception {
        Path fifo = directory.resolve("pipe.params");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeThat(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0)
                .as("mkfifo must be available to create a FIFO").isTrue();

        assertThatThrownBy(() -> parser.loadAll("pipe.params", directory))
                .isInstanceOf(ParamFileException.class)
                .hasMessage("Could not load parameter file: 'pipe.params' (not a regular file)");
    }

    @Test
    void fileOverOneMebibyteIsRejected() throws Exception {
        Path file = directory.resolve("huge.params");
        byte[] block = "k = v\n".repeat(10_000).getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < 100L * 1024 * 1024; written += block.length) {
                out.write(block);
            }
        }

        assertThatThrownBy(() -> parser.loadAll("huge.params", directory))
                .isInstanceOf(ParamFileException.class)
                .hasMessage("Could not load parameter file: 'huge.params' (larger than 1048576 bytes)");
    }

    @Test
    void fileOfExactlyOneMebibyteIsAccepted() throws Exception {
        String line = "k = v\n";
        String padding = "#".repeat((int) ParamFileParser.MAX_FILE_SIZE - line.length() - 1) + "\n";
        write("full.params", line + padding);

        assertThat(Files.size(directory.resolve("full.params"))).isEqualTo(ParamFileParser.MAX_FILE_SIZE);
        assertThat(load("full.params").get("k")).contains("v");
    }

    @Test
    void passwordFileOpenToOthersWarns() throws Exception {
        Path file = write("open.params", "auth_user = alice\nauth_pwd = pw\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        ParamFiles files = parser.loadAll("open.params", directory);

        assertThat(files.warnings()).extracting(ParamFileWarning::message)
                .containsExactly("Warning: open.params is accessible by other users; restrict it (chmod 600)");
        assertThat(Parameters.builder().paramFiles(files).build().get("auth_pwd")).contains("pw");
    }

    @Test
    void passwordFileWritableByOthersWarns() throws Exception {
        Path file = write("writable.params", "auth_pwd = pw\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-----w-"));

        assertThat(parser.loadAll("writable.params", directory).warnings())
                .extracting(ParamFileWarning::type)
                .containsExactly(ParamFileWarning.Type.OPEN_PERMISSIONS);
    }

    @Test
    void fileWithoutPasswordOpenToOthersDoesNotWarn() throws Exception {
        Path file = write("public.params", "verbose = 1\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(parser.loadAll("public.params", directory).warnings()).isEmpty();
    }

    @Test
    void privatePasswordFileDoesNotWarn() throws Exception {
        write("private.params", "auth_pwd = pw\n");

        assertThat(parser.loadAll("private.params", directory).warnings()).isEmpty();
    }

    @Test
    void configFileMessagesNameConfigurationFile() {
        assertThatThrownBy(() -> ParamFileParser.forConfigFile().load("itop.conf", directory))
                .isInstanceOf(ParamFileException.class)
                .hasMessage("Could not find the configuration file: 'itop.conf'");
    }
}
