package io.github.itopdata.core.synchro;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.testing.PostgresExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Deletions made by the delete policy follow the deletion rules of the data model. */
@ExtendWith(PostgresExtension.class)
class SynchroDeletionRulesTest {

    private static final String ORGANIZATIONS = "primary_key;name;code\n"
            + "org-1;Alpha Works;ALPH\n"
            + "org-2;Beta Works;BETA\n"
            + "org-3;Gamma Works;GAMM\n";

    private final SynchroFixture fixture;

    SynchroDeletionRulesTest(Database database) {
        this.fixture = new SynchroFixture(database);
    }

    @BeforeEach
    void reset() {
        fixture.reset();
    }

    private static String line(SynchroFixture.Call call, String prefix) {
        return call.lines().stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("No line starting with '" + prefix + "' in:\n" + call.output()));
    }

    private DataSource organizationSource() {
        List<SynchroAttributeDef> attributes = List.of(
                SynchroAttributeDef.plain("name", true, true, "master_locked"),
                SynchroAttributeDef.plain("code", true, false, "master_locked"));
        return fixture.create(DataSource.builder("Lab organizations", "Organization").status("production")
                .attributes(attributes));
    }

    private long organizationId(String name) {
        return fixture.count("SELECT id FROM obj_organization WHERE name = ?", name);
    }

    @Test
    void blockedDeletionMakesReplicaObsoleteWithReasons() {
        DataSource source = organizationSource();
        fixture.load(source, ORGANIZATIONS);
        long alpha = organizationId("Alpha Works");
        fixture.sql("INSERT INTO obj_contact (id, finalclass, name, first_name, org_id) VALUES (41, 'Person', 'Curie',"
                + " 'Marie', " + alpha + ")");
        source = fixture.change(source, b -> b.deletePolicy("delete"));

        SynchroFixture.Call call = fixture.load(source, "primary_key;name;code\norg-3;Gamma Works;GAMM\n");

        assertThat(line(call, "#Objects deleted:")).isEqualTo("#Objects deleted: 1");
        assertThat(line(call, "#Objects deletion errors")).isEqualTo("#Objects deletion errors: 1");
        Map<String, Object> blocked = fixture.replica(source, "org-1");
        assertThat(blocked.get("status")).isEqualTo("obsolete");
        assertThat(blocked.get("status_last_error")).isEqualTo("Unable to delete the destination object: Organization::"
                + alpha + " is referenced by Person::41 (Marie Curie) through org_id, a mandatory key with DEL_MANUAL."
                + " Change or delete Person::41 first.");
        assertThat(fixture.replica(source, "org-2")).as("replica of the deleted object").isNull();
        assertThat(fixture.count("SELECT count(*) FROM obj_organization WHERE name = 'Alpha Works'")).isEqualTo(1);
        assertThat(fixture.count("SELECT count(*) FROM obj_organization WHERE name = 'Beta Works'")).isZero();
        assertThat(fixture.count("SELECT count(*) FROM itop_change_op WHERE optype = 'delete' AND objkey = ?", alpha))
                .isZero();
        assertThat(fixture.count("SELECT count(*) FROM obj_contact WHERE id = 41 AND org_id = ?", alpha)).isEqualTo(1);
    }

    @Test
    void deletedServerTakesItsContactLinks() {
        DataSource source = fixture.create(fixture.labServers());
        fixture.load(source, SynchroFixture.SY01);
        long atlas = (Long) fixture.server("atlas").get("id");
        fixture.sql("INSERT INTO obj_contact (id, finalclass, name, first_name, org_id) VALUES (42, 'Person', 'Hopper',"
                + " 'Grace', 4)");
        fixture.sql("INSERT INTO obj_lnkcontacttofunctionalci (id, finalclass, functionalci_id, contact_id) VALUES"
                + " (51, 'lnkContactToFunctionalCI', " + atlas + ", 42)");
        source = fixture.change(source, b -> b.deletePolicy("delete"));

        SynchroFixture.Call call = fixture.load(source, SynchroFixture.SY01.replace(
                "srv-001;atlas;NLAB;SN-9001;production;2025-01-15\n", ""));

        assertThat(line(call, "#Objects deleted:")).isEqualTo("#Objects deleted: 1");
        assertThat(fixture.server("atlas")).isNull();
        assertThat(fixture.count("SELECT count(*) FROM obj_lnkcontacttofunctionalci WHERE id = 51")).isZero();
        assertThat(fixture.count("SELECT count(*) FROM obj_contact WHERE id = 42")).isEqualTo(1);
        assertThat(fixture.count("SELECT count(*) FROM itop_change_op o JOIN itop_change c ON c.id = o.change_id"
                + " WHERE o.optype = 'delete' AND o.objclass = 'lnkContactToFunctionalCI' AND o.objkey = 51"
                + " AND c.origin = 'synchro-data-source'")).isEqualTo(1);
    }

    @Test
    void deletedObjectLosesReplicasOfEverySource() {
        DataSource creator = organizationSource();
        fixture.load(creator, ORGANIZATIONS);
        DataSource second = fixture.create(DataSource.builder("Second organization feed", "Organization")
                .status("production")
                .attributes(List.of(SynchroAttributeDef.plain("name", true, true, "master_unlocked"),
                        SynchroAttributeDef.plain("code", true, false, "master_unlocked"))));
        fixture.load(second, ORGANIZATIONS);
        long beta = organizationId("Beta Works");
        assertThat(((Number) fixture.replica(second, "org-2").get("dest_id")).longValue()).isEqualTo(beta);
        creator = fixture.change(creator, b -> b.deletePolicy("delete"));

        fixture.load(creator, "primary_key;name;code\norg-3;Gamma Works;GAMM\n");

        assertThat(fixture.count("SELECT count(*) FROM obj_organization WHERE id = ?", beta)).isZero();
        assertThat(fixture.replica(second, "org-2")).as("replica of the second source").isNull();
        assertThat(fixture.count("SELECT count(*) FROM " + second.databaseTableName() + " WHERE primary_key = 'org-2'"))
                .as("data row of the second source").isZero();
        assertThat(fixture.replica(second, "org-3")).as("replica of a kept object").isNotNull();

        SynchroFixture.Call again = fixture.load(second, ORGANIZATIONS);

        assertThat(line(again, "#Objects created:")).startsWith("#Objects created: 2");
        assertThat(fixture.count("SELECT count(*) FROM obj_organization WHERE name = 'Beta Works'")).isEqualTo(1);
    }
}
