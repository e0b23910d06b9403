package io.github.itopdata.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.itopdata.core.db.DatabaseSettings;
import io.github.itopdata.paramfile.Arguments;
import io.github.itopdata.paramfile.InvalidParameterException;
import io.github.itopdata.paramfile.ParamFileParser;
import io.github.itopdata.paramfile.Parameters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ItopConfigTest {

    private static final Path WORK = Path.of("/srv/work");
    private static final Map<String, String> HOME_ONLY = Map.of("HOME", "/home/alice");

    private static Parameters merge(String configFile, Map<String, String> environment, String... arguments)
            throws Exception {
        Parameters.Builder builder = Parameters.builder();
        if (configFile != null) {
            builder.file(ParamFileParser.forConfigFile().parse(configFile.getBytes(StandardCharsets.UTF_8),
                    "/etc/itop/itop.conf"));
        }
        return builder.environment(environment).arguments(Arguments.parse(arguments)).build();
    }

    private static ItopConfig config(String configFile, Map<String, String> environment, String... arguments)
            throws Exception {
        return ItopConfig.of(merge(configFile, environment, arguments), environment, WORK);
    }

    @Test
    void nothingConfiguredUsesEmbeddedDefault() throws Exception {
        DatabaseSettings settings = config(null, HOME_ONLY).databaseSettings();

        assertThat(settings.isEmbedded()).isTrue();
        assertThat(settings.dataDirectory()).isEqualTo(Path.of("/home/alice/.local/share/itop"));
        assertThat(settings.lockWait()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void xdgDataHomeMovesDefaultDirectory() throws Exception {
        Map<String, String> environment = Map.of("HOME", "/home/alice", "XDG_DATA_HOME", "/data/alice");

        assertThat(config(null, environment).dataDirectory()).isEqualTo(Path.of("/data/alice/itop"));
    }

    @Test
    void argumentOverridesEnvironmentOverridesFile() throws Exception {
        String file = "data_dir = /from/file\n";
        Map<String, String> environment = Map.of("HOME", "/home/alice", "ITOP_DATA_DIR", "/from/environment");

        assertThat(config(file, HOME_ONLY).dataDirectory()).isEqualTo(Path.of("/from/file"));
        assertThat(config(file, environment).dataDirectory()).isEqualTo(Path.of("/from/environment"));
        assertThat(config(file, environment, "--data_dir=/from/argument").dataDirectory())
                .isEqualTo(Path.of("/from/argument"));
    }

    @Test
    void relativePathResolvesAgainstItsFile() throws Exception {
        ItopConfig fromFile = config("data_dir = data\nmodel_files = ext/a.xml, /abs/b.xml,\n", HOME_ONLY);
        ItopConfig fromArgument = config(null, HOME_ONLY, "--data_dir=data");

        assertThat(fromFile.dataDirectory()).isEqualTo(Path.of("/etc/itop/data"));
        assertThat(fromFile.modelFiles()).containsExactly(Path.of("/etc/itop/ext/a.xml"), Path.of("/abs/b.xml"));
        assertThat(fromArgument.dataDirectory()).isEqualTo(Path.of("/srv/work/data"));
    }

    @Test
    void dbUrlSelectsExternalServer() throws Exception {
        Map<String, String> environment = Map.of("HOME", "/home/alice",
                "ITOP_DB_URL", "jdbc:postgresql://127.0.0.1:5432/itop", "ITOP_DB_PASSWORD", "s3cret");

        ItopConfig config = config("db_user = cmdb\ndata_dir = /unused\n", environment);
        DatabaseSettings settings = config.databaseSettings();

        assertThat(config.usesExternalDatabase()).isTrue();
        assertThat(settings.isEmbedded()).isFalse();
        assertThat(settings.jdbcUrl()).contains("jdbc:postgresql://127.0.0.1:5432/itop");
        assertThat(settings.user()).isEqualTo("cmdb");
        assertThat(settings.password()).isEqualTo("s3cret");
        assertThat(settings.toString()).doesNotContain("s3cret");
    }

    @Test
    void externalUserDefaultsToPostgres() throws Exception {
        ItopConfig config = config(null, HOME_ONLY, "--db_url=jdbc:postgresql://127.0.0.1/itop");

        assertThat(config.databaseSettings().user()).isEqualTo("postgres");
        assertThat(config.databaseSettings().password()).isEmpty();
    }

    @Test
    void describeMasksSecretsAndNamesOrigins() throws Exception {
        ItopConfig config = config("db_password = s3cret\n", HOME_ONLY,
                "--db_url=jdbc:postgresql://127.0.0.1/itop?password=other", "--data_dir_lock_wait=5");

        String description = config.describe();

        assertThat(description).doesNotContain("s3cret").doesNotContain("other");
        assertThat(description).contains("db_password = ******** (configuration file /etc/itop/itop.conf:1)");
        assertThat(description).contains("data_dir_lock_wait = '5' (command-line argument #2, unused with db_url)");
        assertThat(description).contains("db_user = 'postgres' (default)");
        assertThat(config.toString()).isEqualTo(description);
    }

    @Test
    void urlPasswordIsMaskedInSettings() throws Exception {
        DatabaseSettings settings = config(null, HOME_ONLY,
                "--db_url=jdbc:postgresql://127.0.0.1/itop?user=x&password=hidden&ssl=false").databaseSettings();

        assertThat(settings.toString()).doesNotContain("hidden").contains("password=********&ssl=false");
    }

    @Test
    void invalidDbUrlIsRejected() throws Exception {
        ItopConfig config = config(null, HOME_ONLY, "--db_url=mysql://localhost/itop");

        assertThatThrownBy(config::databaseSettings)
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("db_url")
                .hasMessageContaining("jdbc:postgresql://");
    }

    @Test
    void negativeLockWaitIsRejected() throws Exception {
        ItopConfig config = config(null, HOME_ONLY, "--data_dir_lock_wait=-1");

        assertThatThrownBy(config::databaseSettings)
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("data_dir_lock_wait");
    }
}
