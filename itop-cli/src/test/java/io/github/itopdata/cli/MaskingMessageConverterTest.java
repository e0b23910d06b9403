package io.github.itopdata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Masking of secret values in log messages. */
class MaskingMessageConverterTest {

    @Test
    void masksAssignmentsToSecretNames() {
        assertThat(MaskingMessageConverter.mask("login alice auth_pwd=hunter2 done"))
                .isEqualTo("login alice auth_pwd=******** done");
        assertThat(MaskingMessageConverter.mask("db_password: 'a b c', user=postgres"))
                .isEqualTo("db_password: ********, user=postgres");
        assertThat(MaskingMessageConverter.mask("jdbc:postgresql://h/db?user=u&password=pw&ssl=true"))
                .isEqualTo("jdbc:postgresql://h/db?user=u&password=********&ssl=true");
        assertThat(MaskingMessageConverter.mask("{auth_token=tok-1, class=Person}"))
                .isEqualTo("{auth_token=********, class=Person}");
    }

    @Test
    void leavesOtherTextAlone() {
        assertThat(MaskingMessageConverter.mask("Imported 12 rows of class=Person")).isEqualTo("Imported 12 rows of class=Person");
        assertThat(MaskingMessageConverter.mask(null)).isNull();
    }
}
