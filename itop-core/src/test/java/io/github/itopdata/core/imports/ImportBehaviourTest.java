package io.github.itopdata.core.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.testing.PostgresExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class ImportBehaviourTest {

    private static ImportFixture fixture;

    @BeforeAll
    static void createSchema(Database database) {
        fixture = new ImportFixture(database);
    }

    @BeforeEach
    void loadFixture() {
        fixture.reset();
    }

    @Test
    void createWithSummaryOutput() {
        ImportFixture.Run run = fixture.run("name,code,status\nHarbor Tech,HBT,active\n",
                "--class=Organization", "--output=summary", "--charset=<omitted>");

        assertThat(run.output()).isEqualTo("""
                #Output format: summary
                #Class: Organization
                #Separator: ,
                #Qualifier: "
                #Charset Encoding:UTF-8
                #Date format: <none>
                #Localize: no
                #Data Size: 40
                #Data Lines: 1
                #Simulate: 0
                #Columns: name, code, status
                #Reconciliation Keys: name, code
                #Change tracking comment:\s
                #Issues: 0
                #Warnings: 0
                #Created: 1
                #Updated: 0
                #Unchanged: 0
                """);
        assertThat(run.result().exitCode()).isZero();
        assertThat(fixture.count("SELECT count(*) FROM obj_organization WHERE name = 'Harbor Tech' AND code = 'HBT'"
                + " AND status = 'active'")).isEqualTo(1);
        assertThat(fixture.rows("SELECT user_info, origin FROM itop_change")).singleElement().satisfies(change -> {
            assertThat(change.get("user_info")).isEqualTo("Mira Solberg, Web Service (CSV)");
            assertThat(change.get("origin")).isEqualTo("csv-import.php");
        });
    }

    @Test
    void reimportIsIdempotent() {
        String csv = "name,code,status\nHarbor Tech,HBT,active\n";
        fixture.run(csv, "--class=Organization", "--output=summary");
        long operations = fixture.count("SELECT count(*) FROM itop_change_op");

        ImportFixture.Run second = fixture.run(csv, "--class=Organization", "--output=summary");

        assertThat(second.lines()).contains("#Created: 0", "#Unchanged: 1", "#Issues: 0");
        assertThat(fixture.count("SELECT count(*) FROM itop_change")).isEqualTo(1);
        assertThat(fixture.count("SELECT count(*) FROM itop_change_op")).isEqualTo(operations);
    }

    @Test
    void updateOneAttributeWithComment() {
        ImportFixture.Run run = fixture.run("name,code,status\nNorthwind Labs,NWL-2,active\n",
                "--class=Organization", "--reconciliationkeys=name", "--comment=nightly sync");

        assertThat(run.lines()).contains("#Reconciliation Keys: name", "#Change tracking comment: nightly sync",
                "#Updated: 1");
        assertThat(run.output()).endsWith("""
                Line;Status;Object Class;Object Id;name (Name);code (Code);status (Status)
                0;updated 1 cols;Organization;1;Northwind Labs;"NWL-2"Modified;active
                """);
        assertThat(fixture.query("SELECT code FROM obj_organization WHERE id = 1", String.class)).isEqualTo("NWL-2");
        assertThat(fixture.rows("SELECT o.attcode, o.oldvalue, o.newvalue, c.user_info FROM itop_change_op o"
                + " JOIN itop_change c ON c.id = o.change_id WHERE o.objkey = 1")).singleElement().satisfies(op -> {
                    assertThat(op.get("attcode")).isEqualTo("code");
                    assertThat(op.get("oldvalue")).isEqualTo("NWL");
                    assertThat(op.get("newvalue")).isEqualTo("NWL-2");
                    assertThat(op.get("user_info")).isEqualTo("Mira Solberg, Web Service (CSV) - nightly sync");
                });
    }
}
