package io.github.itopdata.core.db.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CurrentCommandTest {

    @Test
    void maskHidesSecretArguments() {
        String masked = CurrentCommand.mask(
                "itop setup --admin_user=bob --admin_pwd=Top-Secret --db_password=p@ss --auth_token=abc -x");

        assertThat(masked).isEqualTo(
                "itop setup --admin_user=bob --admin_pwd=******** --db_password=******** --auth_token=******** -x");
    }

    @Test
    void maskKeepsOrdinaryArguments() {
        String commandLine = "itop import --class=Person --csvfile=people.csv";

        assertThat(CurrentCommand.mask(commandLine)).isEqualTo(commandLine);
    }
}
