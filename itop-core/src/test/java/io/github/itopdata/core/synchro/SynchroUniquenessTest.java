package io.github.itopdata.core.synchro;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.testing.PostgresExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs enforce the model's blocking uniqueness rules; here the default model's rule that an
 * employee number, when not empty, is unique within an organization.
 */
@ExtendWith(PostgresExtension.class)
class SynchroUniquenessTest {

    private static final String HEADER = "primary_key;name;first_name;org_id;employee_number\n";

    private static SynchroFixture fixture;

    @BeforeAll
    static void createSchema(Database database) {
        fixture = new SynchroFixture(database);
    }

    @BeforeEach
    void reset() {
        fixture.reset();
    }

    private DataSource people() {
        return fixture.create(DataSource.builder("People", "Person").status("production").attributes(List.of(
                SynchroAttributeDef.plain("name", true, true, "master_locked"),
                SynchroAttributeDef.plain("first_name", true, true, "master_locked"),
                SynchroAttributeDef.externalKey("org_id", true, false, "master_locked", "code"),
                SynchroAttributeDef.plain("employee_number", true, false, "master_locked"))));
    }

    @Test
    void clashInsideOneFeedFailsTheLaterReplica() {
        DataSource source = people();

        SynchroFixture.Call call = fixture.load(source, HEADER + "p-1;Lind;Ada;NLAB;E-1\np-2;Berg;Jon;NLAB;E-1\n"
                + "p-3;Holm;Eva;NLAB;\np-4;Dahl;Tor;NLAB;\np-5;Vik;Ola;SYRD;E-1\n");

        assertThat(call.output()).contains("#Objects created: 4 (0 warnings)", "#Objects creation errors: 1");
        assertThat((String) fixture.replica(source, "p-2").get("status_last_error")).isEqualTo("Unable to create"
                + " destination object: Uniqueness rule 'employee_number' not respected by org_id=4, employee_number=E-1");
        assertThat(fixture.count("SELECT count(*) FROM obj_contact WHERE name = 'Berg'")).isZero();
    }

    @Test
    void clashWithStoredObjectFailsTheUpdate() {
        DataSource source = people();
        fixture.load(source, HEADER + "p-1;Lind;Ada;NLAB;E-1\np-2;Berg;Jon;NLAB;E-2\n");

        fixture.load(source, HEADER + "p-1;Lind;Ada;NLAB;E-1\np-2;Berg;Jon;NLAB;E-1\n");

        assertThat((String) fixture.replica(source, "p-2").get("status_last_error")).startsWith("Unable to update"
                + " destination object: Uniqueness rule 'employee_number' not respected by");
        assertThat(fixture.count("SELECT count(*) FROM obj_contact WHERE name = 'Berg' AND employee_number = 'E-2'"))
                .isEqualTo(1);
    }

    @Test
    void uniqueValueSwapFailsBothUpdates() {
        DataSource source = people();
        fixture.load(source, HEADER + "p-1;Lind;Ada;NLAB;E-1\np-2;Berg;Jon;NLAB;E-2\n");

        SynchroFixture.Call call = fixture.load(source, HEADER + "p-1;Lind;Ada;NLAB;E-2\np-2;Berg;Jon;NLAB;E-1\n");

        assertThat(call.output()).contains("#Objects updated: 0 (0 warnings)", "#Objects update errors: 2");
        assertThat(fixture.count("SELECT count(*) FROM obj_contact WHERE name = 'Lind' AND employee_number = 'E-1'"))
                .isEqualTo(1);
    }

    @Test
    void valueFreedByEarlierReplicaCanBeTaken() {
        DataSource source = people();
        fixture.load(source, HEADER + "p-1;Lind;Ada;NLAB;E-1\np-2;Berg;Jon;NLAB;E-2\n");

        SynchroFixture.Call call = fixture.load(source, HEADER + "p-1;Lind;Ada;NLAB;E-3\np-2;Berg;Jon;NLAB;E-1\n");

        assertThat(call.output()).contains("#Objects updated: 2 (0 warnings)");
        assertThat(fixture.count("SELECT count(*) FROM obj_contact WHERE name = 'Berg' AND employee_number = 'E-1'"))
                .isEqualTo(1);
    }
}
