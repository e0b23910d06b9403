package io.github.itopdata.core.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CronRequestTest {

    private static boolean verbose(String value) {
        return CronRequest.fromCommandLine(Map.of("auth_user", "admin", "auth_pwd", "secret", "verbose", value))
                .verbose();
    }

    @Test
    void zeroAndEmptyAreOff() {
        assertThat(verbose("0")).isFalse();
        assertThat(verbose("")).isFalse();
    }

    @Test
    void anyOtherWordIsOn() {
        assertThat(verbose("1")).isTrue();
        assertThat(verbose("yes")).isTrue();
        assertThat(verbose("no")).isTrue();
        assertThat(verbose("false")).isTrue();
    }

    @Test
    void filteredCharacterFallsBackToOff() {
        assertThat(verbose("true!")).isFalse();
        assertThat(verbose("1.")).isFalse();
    }

    @Test
    void credentialsAreTrimmed() {
        CronRequest request = CronRequest.fromCommandLine(Map.of("auth_user", " admin ", "auth_pwd", " secret"));

        assertThat(request.login()).isEqualTo("admin");
        assertThat(request.password()).contains("secret");
        assertThat(request.statusOnly()).isFalse();
        assertThat(request.html()).isFalse();
    }

    @Test
    void missingUserIsNamedFirst() {
        assertThatThrownBy(() -> CronRequest.fromCommandLine(Map.of("status_only", "1")))
                .isInstanceOf(CronArgumentException.class)
                .hasMessage("ERROR: Missing argument 'auth_user'");
    }

    @Test
    void missingPasswordIsNamed() {
        assertThatThrownBy(() -> CronRequest.fromCommandLine(Map.of("auth_user", "admin")))
                .hasMessage("ERROR: Missing argument 'auth_pwd'");
    }

    @Test
    void httpRequestNeedsNoPassword() {
        CronRequest request = CronRequest.fromHttp(Map.of("status_only", "1"), "admin");

        assertThat(request.password()).isEmpty();
        assertThat(request.statusOnly()).isTrue();
        assertThat(request.html()).isTrue();
    }
}
