package io.github.itopdata.paramfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The iTop layout of usage texts and the names they declare. */
class UsageTextTest {

    @Test
    void rendersMandatoryAndOptionalLines() {
        UsageText usage = UsageText.builder()
                .mandatory("auth_user", "login of an iTop user")
                .optional("separator", "field separator", ",")
                .optional("charset", "character set of the file", "")
                .unlisted("fields_advanced")
                .build();

        assertThat(usage.render()).isEqualTo("""
                USAGE:

                auth_user = login of an iTop user, mandatory
                separator = field separator, optional, defaults to [,]
                charset = character set of the file, optional, defaults to []
                """);
        assertThat(usage.names()).containsExactly("auth_user", "separator", "charset", "fields_advanced");
    }

    @Test
    void duplicateArgumentIsRejected() {
        UsageText.Builder builder = UsageText.builder().mandatory("class", "target class");

        assertThatThrownBy(() -> builder.optional("class", "again", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Argument 'class' is declared twice in the usage text");
    }

    @Test
    void httpRequestParametersOverrideFiles() throws Exception {
        Parameters parameters = Parameters.builder()
                .defaults(java.util.Map.of("output", "summary"))
                .httpRequest(java.util.Map.of("output", "details", "verbose", ""))
                .build();

        assertThat(parameters.get("output")).contains("details");
        assertThat(parameters.origin("verbose")).contains(ParameterOrigin.httpRequest());
        assertThat(parameters.get("verbose")).contains("");
    }
}
