package io.github.itopdata.core.synchro;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.core.auth.Profile;
import io.github.itopdata.core.auth.User;
import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.testing.PostgresExtension;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The behaviour of loads and runs on the "Lab servers" source, case by case. */
@ExtendWith(PostgresExtension.class)
class SynchroBehaviourTest {

    private final SynchroFixture fixture;

    SynchroBehaviourTest(Database database) {
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

    @Test
    void firstLoadCreatesObjects() {
        DataSource source = fixture.create(fixture.labServers());

        SynchroFixture.Call call = fixture.load(source, SynchroFixture.SY01);

        assertThat(call.exitCode()).isZero();
        assertThat(line(call, "#Created (before synchro)")).isEqualTo("#Created (before synchro): 3");
        assertThat(line(call, "#Replicas:")).isEqualTo("#Replicas: 3");
        assertThat(line(call, "#Replicas touched")).isEqualTo("#Replicas touched since last synchro: 3");
        assertThat(line(call, "#Objects created")).isEqualTo("#Objects created: 3 (0 warnings)");
        Map<String, Object> atlas = fixture.server("atlas");
        assertThat(atlas.get("org_id")).isEqualTo(4L);
        assertThat(atlas.get("serialnumber")).isEqualTo("SN-9001");
        assertThat(atlas.get("move2production").toString()).isEqualTo("2025-01-15");
        assertThat(fixture.server("cyrene").get("move2production")).isNull();
        assertThat(fixture.server("cyrene").get("status")).isEqualTo("implementation");
        for (Map<String, Object> replica : fixture.replicas(source)) {
            assertThat(replica.get("status")).isEqualTo("synchronized");
            assertThat(replica.get("status_dest_creator")).isEqualTo(true);
            assertThat(replica.get("info_creation_date")).isNotNull();
        }
        assertThat(fixture.count("SELECT count(*) FROM itop_change WHERE user_info = 'admin (Data Synchro)'"
                + " AND origin = 'synchro-data-source'")).isEqualTo(1);
        assertThat(fixture.count("SELECT count(*) FROM itop_change_op WHERE optype = 'create'")).isEqualTo(3);
    }

    @Test
    void summaryLayoutIsExact() {
        DataSource source = fixture.create(fixture.labServers());

        SynchroFixture.Call call = fixture.load(source, SynchroFixture.SY01);

        String rule = "#" + "-".repeat(60);
        assertThat(call.output()).isEqualTo(rule + "\n# Import phase summary\n" + rule + "\n"
                + "#Data Source: " + source.id() + "\n#Synchronize: 1\n#Class: Server\n#Separator: ;\n#Qualifier: \"\n"
                + "#Charset Encoding:UTF-8\n#Date and time format: 'Y-m-d H:i:s' \n"
                + "#Date only format: 'Y-m-d' , applied to columns [move2production]\n#Data Size: 203\n#Data Lines: 3\n"
                + "#Columns: primary_key, name, org_id, serialnumber, status, move2production\n#Output format: summary\n"
                + "#Simulate: 0\n#Change tracking comment: \n#Issues (before synchro): 0\n#Created (before synchro): 3\n"
                + "#Updated (before synchro): 0\n" + rule + "\n# Synchronization phase summary\n" + rule + "\n"
                + "#Replicas: 3\n#Replicas touched since last synchro: 3\n#Objects deleted: 0\n"
                + "#Objects deletion errors: 0\n#Objects obsoleted: 0\n#Objects obsolescence errors: 0\n"
                + "#Objects created: 3 (0 warnings)\n#Objects creation errors: 0\n#Objects updated: 0 (0 warnings)\n"
                + "#Objects update errors: 0\n#Objects reconciled (updated): 0 (0 warnings)\n"
                + "#Objects reconciled (unchanged): 0 (0 warnings)\n#Objects reconciliation errors: 0\n"
                + "#Replica disappeared, no action taken: 0\n");
    }

    @Test
    void identicalReloadTouchesReplicasOnly() {
        DataSource source = fixture.create(fixture.labServers());
        fixture.load(source, SynchroFixture.SY01);
        fixture.ageReplicas(source, 24);
        long history = fixture.count("SELECT count(*) FROM itop_change_op");

        SynchroFixture.Call call = fixture.load(source, SynchroFixture.SY01);

        assertThat(line(call, "#Created (before")).isEqualTo("#Created (before synchro): 0");
        assertThat(line(call, "#Updated (before")).isEqualTo("#Updated (before synchro): 3");
        assertThat(line(call, "#Replicas touched")).isEqualTo("#Replicas touched since last synchro: 3");
        assertThat(line(call, "#Objects updated")).isEqualTo("#Objects updated: 0 (0 warnings)");
        assertThat(fixture.count("SELECT count(*) FROM itop_change_op")).isEqualTo(history);
        assertThat(fixture.count("SELECT count(*) FROM obj_synchroreplica WHERE status_last_seen > now() - interval '1 hour'"))
                .isEqualTo(3);
    }

    @Test
    void changedValueUpdatesObject() {
        DataSource source = fixture.create(fixture.labServers());
        fixture.load(source, SynchroFixture.SY01);

        SynchroFixture.Call call = fixture.load(source, SynchroFixture.SY01.replace(
                "srv-003;cyrene;NLAB;SN-9003;implementation;", "srv-003;cyrene;NLAB;SN-9003;production;2025-02-03"));

        assertThat(line(call, "#Objects updated")).isEqualTo("#Objects updated: 1 (0 warnings)");
        assertThat(fixture.server("cyrene").get("status")).isEqualTo("production");
        assertThat(fixture.server("cyrene").get("move2production").toString()).isEqualTo("2025-02-03");
        Map<String, Object> replica = fixture.replica(source, "srv-003");
        assertThat(replica.get("status")).isEqualTo("synchronized");
        assertThat(replica.get("info_last_modified")).isNotNull();
    }

    @Test
    void reconciliationUpdatesExistingObject() {
        fixture.sql("INSERT INTO obj_functionalci (id, finalclass, name, org_id, status) VALUES (31, 'Server', 'delphi', 4, 'stock')");
        DataSource source = fixture.create(fixture.labServers());

        SynchroFixture.Call call = fixture.load(source, "primary_key;name;org_id;serialnumber;status\n"
                + "srv-004;delphi;NLAB;SN-9004;production\n");

        assertThat(line(call, "#Objects reconciled (updated)")).isEqualTo("#Objects reconciled (updated): 1 (0 warnings)");
        assertThat(fixture.server("delphi").get("serialnumber")).isEqualTo("SN-9004");
        assertThat(fixture.server("delphi").get("status")).isEqualTo("production");
        Map<String, Object> replica = fixture.replica(source, "srv-004");
        assertThat(((Number) replica.get("dest_id")).longValue()).isEqualTo(31L);
        assertThat(replica.get("status_dest_creator")).isEqualTo(false);
        assertThat(fixture.count("SELECT count(*) FROM obj_functionalci")).isEqualTo(1);
    }

    @Test
    void reconciliationWithUpToDateObject() {
        fixture.sql("INSERT INTO obj_functionalci (id, finalclass, name, org_id, status, serialnumber) VALUES"
                + " (31, 'Server', 'delphi', 4, 'production', 'SN-9004')");
        DataSource source = fixture.create(fixture.labServers());

        SynchroFixture.Call call = fixture.load(source, "primary_key;name;org_id;serialnumber;status\n"
                + "srv-004;DELPHI ;NLAB;SN-9004;production\n".replace("DELPHI ", "delphi"));

        assertThat(line(call, "#Objects reconciled (unchanged)"))
                .isEqualTo("#Objects reconciled (unchanged): 1 (0 warnings)");
        assertThat(((Number) fixture.replica(source, "srv-004").get("dest_id")).longValue()).isEqualTo(31L);
        assertThat(fixture.count("SELECT count(*) FROM itop_change_op WHERE objkey = 31")).isZero();
    }

    @Test
    void severalMatchesAreAnError() {
        fixture.sql("INSERT INTO obj_contact (id, finalclass, name, first_name, org_id, status) VALUES"
                + " (50, 'Person', 'Varga', 'Olek', 4, 'active'), (51, 'Person', 'Varga', 'Olek', 4, 'active')");
        DataSource source = fixture.create(DataSource.builder("HR", "Person").attributes(List.of(
                SynchroAttributeDef.plain("name", true, true, "master_locked"),
                SynchroAttributeDef.plain("first_name", true, true, "master_locked"),
                SynchroAttributeDef.plain("email", true, false, "master_locked"),
                SynchroAttributeDef.externalKey("org_id", true, false, "master_locked", "code"))));

        SynchroFixture.Call call = fixture.load(source, "primary_key;name;first_name;email;org_id\n"
                + "hr-0091;Varga;Olek;olek.varga@example.test;NLAB\n");

        assertThat(line(call, "#Objects reconciliation errors")).isEqualTo("#Objects reconciliation errors: 1");
        Map<String, Object> replica = fixture.replica(source, "hr-0091");
        assertThat(replica.get("status")).isEqualTo("new");
        assertThat(replica.get("dest_id")).isNull();
        assertThat(replica.get("status_last_error"))
                .isEqualTo("2 destination objects match the reconciliation criterias: first_name=Olek AND name=Varga");

        SynchroFixture.Call again = fixture.exec(Long.toString(source.id()));

        assertThat(again.output()).contains("Objects reconciliation errors: 1");
    }

    @Test
    void actionOnZeroErrorCreatesNothing() {
        DataSource source = fixture.create(fixture.labServers().actionOnZero("error"));

        SynchroFixture.Call call = fixture.load(source, "primary_key;name;org_id;serialnumber;status\n"
                + "srv-005;eris;NLAB;SN-9005;production\n");

        assertThat(line(call, "#Objects reconciliation errors")).isEqualTo("#Objects reconciliation errors: 1");
        assertThat(fixture.replica(source, "srv-005").get("status_last_error"))
                .isEqualTo("Could not find a match for reconciliation");
        assertThat(fixture.server("eris")).isNull();
    }

    @Test
    void nullReconciliationValueIsAnError() {
        DataSource source = fixture.create(fixture.labServers());

        fixture.load(source, "primary_key;name;org_id;serialnumber;status\nsrv-006;<NULL>;NLAB;SN-9006;production\n");

        assertThat(fixture.count("SELECT count(*) FROM " + source.databaseTableName() + " WHERE name IS NULL")).isEqualTo(1);
        Map<String, Object> replica = fixture.replica(source, "srv-006");
        assertThat(replica.get("status")).isEqualTo("new");
        assertThat(replica.get("status_last_error")).isEqualTo("Could not reconcile on null value for attribute 'name'");
    }

    @Test
    void nullIgnoresAndEmptyResets() {
        DataSource source = fixture.create(fixture.labServers().attribute(
                SynchroAttributeDef.plain("description", true, false, "master_unlocked")));
        fixture.load(source, SynchroFixture.SY01);
        fixture.sql("UPDATE obj_functionalci SET description = 'rack A-12' WHERE name = 'atlas'");

        SynchroFixture.Call call = fixture.load(source, "primary_key;name;org_id;serialnumber;status;description\n"
                + "srv-001;atlas;NLAB;<NULL>;production;\n"
                + "srv-002;boreas;NLAB;SN-9002;production;<NULL>\n"
                + "srv-003;cyrene;NLAB;SN-9003;implementation;<NULL>\n");

        assertThat(line(call, "#Objects updated")).isEqualTo("#Objects updated: 1 (0 warnings)");
        assertThat(fixture.server("atlas").get("serialnumber")).isEqualTo("SN-9001");
        assertThat(fixture.server("atlas").get("description")).isEqualTo("");
        assertThat(fixture.replica(source, "srv-002").get("status")).isEqualTo("synchronized");
    }

    @Test
    void unknownMandatoryKeyMakesCreationFail() {
        DataSource source = fixture.create(fixture.labServers());

        SynchroFixture.Call call = fixture.load(source, "primary_key;name;org_id;serialnumber;status\n"
                + "srv-007;fornax;ZZZ;SN-9007;production\n");

        assertThat(line(call, "#Objects creation errors")).isEqualTo("#Objects creation errors: 1");
        assertThat(line(call, "#Objects created")).isEqualTo("#Objects created: 0 (0 warnings)");
        Map<String, Object> replica = fixture.replica(source, "srv-007");
        assertThat(replica.get("status")).isEqualTo("new");
        assertThat(replica.get("status_last_error")).isEqualTo("Unable to create destination object: missing"
                + " mandatory value for 'org_id' (Could not find object for 'org_id': searched on code = 'ZZZ')");
        assertThat(replica.get("status_last_warning")).isEqualTo("");
        assertThat(fixture.server("fornax")).isNull();
    }

    @Test
    void unknownOptionalKeyWarns() {
        DataSource source = fixture.create(fixture.labServers().attribute(
                SynchroAttributeDef.externalKey("location_id", true, false, "master_locked", "name")));

        SynchroFixture.Call call = fixture.load(source, "primary_key;name;org_id;location_id\n"
                + "srv-007;fornax;NLAB;Nowhere\n");

        assertThat(line(call, "#Objects created")).isEqualTo("#Objects created: 1 (1 warnings)");
        assertThat(fixture.replica(source, "srv-007").get("status_last_warning"))
                .isEqualTo("Could not find object for 'location_id': searched on name = 'Nowhere'");
    }

    @Test
    void longWarningKeepsFullTextInLogDetails() {
        DataSource source = fixture.create(fixture.labServers().attribute(
                SynchroAttributeDef.externalKey("location_id", true, false, "master_locked", "name")));
        String place = "L".repeat(300);

        fixture.load(source, "primary_key;name;org_id;location_id\nsrv-007;fornax;NLAB;" + place + "\n");

        String full = "Could not find object for 'location_id': searched on name = '" + place + "'";
        String kept = (String) fixture.replica(source, "srv-007").get("status_last_warning");
        assertThat(kept).hasSize(255).endsWith("...");
        assertThat(fixture.count("SELECT count(*) FROM synchro_log_detail d JOIN obj_synchrolog l ON l.id = d.log_id"
                + " WHERE l.sync_source_id = ? AND d.primary_key = 'srv-007' AND d.kind = 'warning' AND d.message = ?",
                source.id(), full)).isEqualTo(1);
    }

    @Test
    void tracesAreShownWhenEnabled() {
        DataSource source = fixture.create(fixture.labServers());

        SynchroFixture.Call call = fixture.load(source, "primary_key;name;org_id;serialnumber;status\n"
                + "srv-007;fornax;ZZZ;SN-9007;production\n", "--output=details", "--synchro_trace=display");

        assertThat(call.output()).contains("\n#,,###### STARTING SYNCHRONIZATION #####\n",
                "\n#,,###### SYNCHRONIZATION COMPLETED #####\n");
        assertThat(call.output()).doesNotContain("# No traces.");
        assertThat(call.output()).containsPattern("\n#,,Limit date: [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}"
                + " \\(replicas not seen");
        long replica = ((Number) fixture.replica(source, "srv-007").get("id")).longValue();
        assertThat(call.output()).contains("\n#" + replica + ",,Unable to create destination object: ");
        assertThat(fixture.count("SELECT count(*) FROM obj_synchrolog WHERE sync_source_id = ? AND traces IS NOT NULL"
                + " AND traces <> ''", source.id())).isZero();
    }

    @Test
    void savedTracesGoIntoTheLog() {
        DataSource source = fixture.create(fixture.labServers());

        fixture.load(source, SynchroFixture.SY01, "--synchro_trace=save");

        assertThat(fixture.count("SELECT count(*) FROM obj_synchrolog WHERE sync_source_id = ? AND traces LIKE"
                + " ',,###### STARTING SYNCHRONIZATION #####%'", source.id())).isEqualTo(1);
    }

    @Test
    void invalidTraceSettingIsRejected() {
        SynchroFixture.Call call = fixture.exec("1", "--synchro_trace=loud");

        assertThat(call.output()).isEqualTo("ERROR: Invalid synchro_trace 'loud': expected none, display or save\n");
        assertThat(call.exitCode()).isEqualTo(2);
    }

    @Test
    void writeIfEmptyKeepsValues() {
        DataSource source = fixture.create(fixture.labServers().attribute(
                SynchroAttributeDef.plain("description", true, false, "write_if_empty")));
        fixture.load(source, SynchroFixture.SY01);
        fixture.sql("UPDATE obj_functionalci SET description = 'set by hand' WHERE name = 'atlas'");
        fixture.sql("UPDATE obj_functionalci SET description = '' WHERE name = 'boreas'");

        SynchroFixture.Call call = fixture.load(source, "primary_key;name;org_id;serialnumber;status;move2production;description\n"
                + "srv-001;atlas;NLAB;SN-9001;production;2025-01-15;from inventory\n"
                + "srv-002;boreas;NLAB;SN-9102;production;2025-01-20;from inventory\n"
                + "srv-003;cyrene;NLAB;SN-9003;implementation;;from inventory\n");

        assertThat(line(call, "#Objects updated")).isEqualTo("#Objects updated: 2 (0 warnings)");
        assertThat(fixture.server("atlas").get("description")).isEqualTo("set by hand");
        assertThat(fixture.server("boreas").get("description")).isEqualTo("from inventory");
        assertThat(fixture.server("boreas").get("serialnumber")).isEqualTo("SN-9102");
        assertThat(fixture.server("cyrene").get("description")).isEqualTo("from inventory");
        assertThat(fixture.replica(source, "srv-001").get("status")).isEqualTo("synchronized");
    }

    @Test
    void updatePolicyMarksMissingObjectsObsolete() {
        DataSource source = fixture.create(fixture.labServers().deletePolicy("update")
                .deletePolicyUpdate("status:obsolete"));
        fixture.load(source, SynchroFixture.SY01);

        SynchroFixture.Call call = fixture.load(source, twoFirstLines());

        assertThat(line(call, "#Updated (before")).isEqualTo("#Updated (before synchro): 2");
        assertThat(line(call, "#Replicas touched")).isEqualTo("#Replicas touched since last synchro: 2");
        assertThat(line(call, "#Objects obsoleted")).isEqualTo("#Objects obsoleted: 1");
        assertThat(fixture.server("cyrene").get("status")).isEqualTo("obsolete");
        Map<String, Object> replica = fixture.replica(source, "srv-003");
        assertThat(replica.get("status")).isEqualTo("obsolete");
        assertThat(replica.get("info_last_modified")).isNotNull();
        assertThat(fixture.count("SELECT count(*) FROM itop_change_op WHERE attcode = 'status' AND newvalue = 'obsolete'"))
                .isEqualTo(1);
    }

    private static String twoFirstLines() {
        return SynchroFixture.SY01.substring(0, SynchroFixture.SY01.indexOf("srv-003"));
    }

    @Test
    void deletePolicyDeletesOnlyCreatedObjects() {
        fixture.sql("INSERT INTO obj_functionalci (id, finalclass, name, org_id, status) VALUES (31, 'Server', 'delphi', 4, 'stock')");
        DataSource source = fixture.create(fixture.labServers());
        fixture.load(source, SynchroFixture.SY01);
        fixture.load(source, "primary_key;name;org_id;serialnumber;status\nsrv-004;delphi;NLAB;SN-9004;production\n",
                "--synchronize=1");
        source = fixture.change(source, b -> b.deletePolicy("delete"));

        SynchroFixture.Call call = fixture.load(source, SynchroFixture.SY01.replace(
                "srv-001;atlas;NLAB;SN-9001;production;2025-01-15\n", ""));

        assertThat(line(call, "#Replicas:")).isEqualTo("#Replicas: 4");
        assertThat(line(call, "#Replicas touched")).isEqualTo("#Replicas touched since last synchro: 2");
        assertThat(line(call, "#Objects deleted")).isEqualTo("#Objects deleted: 1");
        assertThat(line(call, "#Replica disappeared")).isEqualTo("#Replica disappeared, no action taken: 1");
        assertThat(fixture.server("atlas")).isNull();
        assertThat(fixture.server("delphi")).isNotNull();
        assertThat(fixture.count("SELECT count(*) FROM " + source.databaseTableName())).isEqualTo(2);
        assertThat(fixture.count("SELECT count(*) FROM obj_synchroreplica")).isEqualTo(2);
    }

    @Test
    void updateThenDeleteWaitsForRetention() {
        DataSource source = fixture.create(fixture.labServers().deletePolicy("update_then_delete")
                .deletePolicyUpdate("status:obsolete").deletePolicyRetention(86400));
        fixture.load(source, twoFirstLines());
        fixture.ageReplicas(source, 23);

        SynchroFixture.Call second = fixture.load(source, twoFirstLines().replace(
                "srv-001;atlas;NLAB;SN-9001;production;2025-01-15\n", ""));

        assertThat(line(second, "#Objects obsoleted")).isEqualTo("#Objects obsoleted: 1");
        assertThat(line(second, "#Objects deleted")).isEqualTo("#Objects deleted: 0");
        assertThat(fixture.server("atlas").get("status")).isEqualTo("obsolete");
        fixture.ageReplicas(source, 24);

        SynchroFixture.Call third = fixture.load(source, twoFirstLines().replace(
                "srv-001;atlas;NLAB;SN-9001;production;2025-01-15\n", ""));

        assertThat(line(third, "#Objects deleted")).isEqualTo("#Objects deleted: 1");
        assertThat(line(third, "#Replicas touched")).isEqualTo("#Replicas touched since last synchro: 1");
        assertThat(fixture.server("atlas")).isNull();
        assertThat(fixture.count("SELECT count(*) FROM " + source.databaseTableName())).isEqualTo(1);
    }

    @Test
    void ignorePolicyChangesNothing() {
        DataSource source = fixture.create(fixture.labServers());
        fixture.load(source, SynchroFixture.SY01);

        SynchroFixture.Call call = fixture.load(source, SynchroFixture.SY01.substring(0,
                SynchroFixture.SY01.indexOf("srv-002")));

        assertThat(line(call, "#Replicas touched")).isEqualTo("#Replicas touched since last synchro: 1");
        assertThat(line(call, "#Objects obsoleted")).isEqualTo("#Objects obsoleted: 0");
        assertThat(fixture.replica(source, "srv-002").get("status")).isEqualTo("synchronized");
    }

    @Test
    void obsoleteRowComesBack() {
        DataSource source = fixture.create(fixture.labServers().deletePolicy("update")
                .deletePolicyUpdate("status:obsolete"));
        fixture.load(source, SynchroFixture.SY01);
        fixture.load(source, twoFirstLines());

        SynchroFixture.Call call = fixture.load(source, SynchroFixture.SY01);

        assertThat(line(call, "#Objects updated")).isEqualTo("#Objects updated: 1 (0 warnings)");
        assertThat(fixture.server("cyrene").get("status")).isEqualTo("implementation");
        assertThat(fixture.replica(source, "srv-003").get("status")).isEqualTo("synchronized");
    }

    @Test
    void execAloneWithoutIntervalNeverObsoletes() {
        DataSource source = fixture.create(fixture.labServers().deletePolicy("delete"));
        fixture.load(source, SynchroFixture.SY01);
        fixture.ageReplicas(source, 24);
        fixture.sql("UPDATE " + source.databaseTableName() + " SET serialnumber = 'SN-9101' WHERE primary_key = 'srv-001'");

        SynchroFixture.Call call = fixture.exec(Long.toString(source.id()));

        assertThat(call.lines()).contains("Working on Lab servers (id=" + source.id() + ")...", "Replicas: 3",
                "Replicas touched since last synchro: 3", "Objects updated: 1 (0 warnings)", "Objects deleted: 0");
        assertThat(fixture.server("atlas").get("serialnumber")).isEqualTo("SN-9101");
        assertThat(fixture.count("SELECT count(*) FROM obj_functionalci")).isEqualTo(3);
    }

    @Test
    void execWithIntervalDeletesStaleRows() {
        DataSource source = fixture.create(fixture.labServers().deletePolicy("delete").fullLoadPeriodicity(3600));
        fixture.load(source, SynchroFixture.SY01);
        fixture.ageReplicas(source, 24);
        fixture.sql("UPDATE " + source.databaseTableName() + " SET serialnumber = 'SN-9101' WHERE primary_key = 'srv-001'");

        SynchroFixture.Call call = fixture.exec(Long.toString(source.id()));

        assertThat(call.lines()).contains("Replicas touched since last synchro: 1", "Objects deleted: 2",
                "Objects updated: 1 (0 warnings)");
        assertThat(fixture.server("boreas")).isNull();
        assertThat(fixture.server("atlas").get("serialnumber")).isEqualTo("SN-9101");
    }

    @Test
    void massDisappearanceGuardStopsRun() {
        DataSource source = fixture.create(fixture.labServers().deletePolicy("update").deletePolicyUpdate("status:obsolete"));
        StringBuilder feed = new StringBuilder("primary_key;name;org_id;status\n");
        for (int i = 101; i <= 112; i++) {
            feed.append("srv-").append(i).append(";host-").append(i).append(";NLAB;production\n");
        }
        fixture.load(source, feed.toString());
        long logs = fixture.count("SELECT count(*) FROM obj_synchrolog");

        SynchroFixture.Call call = fixture.load(source, "primary_key;name;org_id;status\n");

        assertThat(call.exitCode()).isEqualTo(4);
        assertThat(line(call, "#Data Lines")).isEqualTo("#Data Lines: 0");
        assertThat(call.output()).contains("ERROR: All records have been untouched for some time (all of the objects"
                + " could be deleted). Please check that the process that writes into the synchronization table is"
                + " still running. Operation cancelled.\n#---");
        assertThat(line(call, "#Replicas:")).isEqualTo("#Replicas: 12");
        assertThat(line(call, "#Objects obsoleted")).isEqualTo("#Objects obsoleted: 0");
        assertThat(fixture.count("SELECT count(*) FROM obj_functionalci WHERE status = 'obsolete'")).isZero();
        assertThat(fixture.count("SELECT count(*) FROM obj_synchrolog")).isEqualTo(logs);
    }

    @Test
    void guardNeedsMoreThanTenReplicas() {
        DataSource source = fixture.create(fixture.labServers().deletePolicy("update").deletePolicyUpdate("status:obsolete"));
        StringBuilder feed = new StringBuilder("primary_key;name;org_id;status\n");
        for (int i = 101; i <= 110; i++) {
            feed.append("srv-").append(i).append(";host-").append(i).append(";NLAB;production\n");
        }
        fixture.load(source, feed.toString());

        SynchroFixture.Call call = fixture.load(source, "primary_key;name;org_id;status\n");

        assertThat(call.exitCode()).isZero();
        assertThat(line(call, "#Objects obsoleted")).isEqualTo("#Objects obsoleted: 10");
    }

    @Test
    void obsoleteSourceLoadsButDoesNotSynchronize() {
        DataSource source = fixture.create(fixture.labServers().status("obsolete"));

        SynchroFixture.Call call = fixture.load(source, "primary_key;name;org_id;status\nsrv-001;atlas;NLAB;production\n");

        assertThat(call.exitCode()).isEqualTo(1);
        assertThat(line(call, "#Created (before")).isEqualTo("#Created (before synchro): 1");
        assertThat(call.lines()).contains("ERROR: The data source is marked as obsolete. Operation cancelled.");
        assertThat(fixture.replica(source, "srv-001").get("status")).isEqualTo("new");
        assertThat(fixture.server("atlas")).isNull();
    }

    @Test
    void otherUserIsRefusedBeforeLoading() {
        DataSource source = fixture.create(fixture.labServers().userId(77L));
        User maria = new User(78, "maria.ops", Set.of(Profile.CONFIGURATION_MANAGER));

        SynchroFixture.Call call = fixture.loadAs(maria, source, "primary_key;name;org_id;status\nsrv-001;atlas;NLAB;production\n");

        assertThat(call.exitCode()).isEqualTo(255);
        assertThat(call.output()).isEqualTo("#Only adminstrators or the user specified in the data source can execute"
                + " this operation. Operation cancelled.\n");
        assertThat(fixture.count("SELECT count(*) FROM " + source.databaseTableName())).isZero();
    }

    @Test
    void sourceUserMayLoadAndRun() {
        DataSource source = fixture.create(fixture.labServers().userId(77L));
        User feedbot = new User(77, "feedbot", Set.of(Profile.CONFIGURATION_MANAGER));

        SynchroFixture.Call call = fixture.loadAs(feedbot, source, "primary_key;name;org_id;status\nsrv-001;atlas;NLAB;production\n",
                "--synchronize=1");

        assertThat(call.exitCode()).isZero();
        assertThat(fixture.server("atlas")).isNotNull();
    }

    @Test
    void samePrimaryKeyTwiceInOneFile() {
        DataSource source = fixture.create(fixture.labServers());

        SynchroFixture.Call call = fixture.load(source, "primary_key;name;org_id;serialnumber;status\n"
                + "srv-008;gaia;NLAB;SN-9008;stock\nsrv-008;gaia;NLAB;SN-9008;production\n");

        assertThat(line(call, "#Created (before")).isEqualTo("#Created (before synchro): 1");
        assertThat(line(call, "#Updated (before")).isEqualTo("#Updated (before synchro): 1");
        assertThat(line(call, "#Data Lines")).isEqualTo("#Data Lines: 2");
        assertThat(line(call, "#Objects created")).isEqualTo("#Objects created: 1 (0 warnings)");
        assertThat(fixture.server("gaia").get("status")).isEqualTo("production");
        assertThat(fixture.replicas(source)).hasSize(1);
    }

    @Test
    void unknownColumnStopsEverything() {
        DataSource source = fixture.create(fixture.labServers());

        SynchroFixture.Call call = fixture.load(source, "primary_key;name;serial\nsrv-001;atlas;x\n");

        assertThat(call.output()).isEqualTo("#Unknown column 'serial' (class: 'Server')\n");
        assertThat(call.exitCode()).isEqualTo(2);
        assertThat(fixture.count("SELECT count(*) FROM " + source.databaseTableName())).isZero();
    }

    @Test
    void retcodeLayout() {
        DataSource source = fixture.create(fixture.labServers());
        fixture.load(source, SynchroFixture.SY01);

        SynchroFixture.Call withSynchro = fixture.load(source, SynchroFixture.SY01, "--output=retcode");
        SynchroFixture.Call withoutSynchro = fixture.load(source, SynchroFixture.SY01, "--output=retcode",
                "--synchronize=0");

        assertThat(withSynchro.lines()).hasSize(18);
        assertThat(withSynchro.lines().get(3)).isEqualTo("#Replicas: 3");
        assertThat(withSynchro.output()).endsWith("#Replica disappeared, no action taken: 0\n0");
        assertThat(withoutSynchro.output()).isEqualTo("0");
    }

    @Test
    void primaryKeyPolicyMatchesIds() {
        fixture.sql("INSERT INTO obj_functionalci (id, finalclass, name, org_id, status) VALUES (12, 'Server', 'hermes', 4, 'stock')");
        DataSource source = fixture.create(fixture.labServers().reconciliationPolicy("use_primary_key"));

        SynchroFixture.Call call = fixture.load(source, "primary_key;name;org_id;status\n12;hermes-renamed;NLAB;production\n"
                + "99999;iris;NLAB;production\n");

        assertThat(line(call, "#Objects reconciled (updated)")).isEqualTo("#Objects reconciled (updated): 1 (0 warnings)");
        assertThat(line(call, "#Objects created")).isEqualTo("#Objects created: 1 (0 warnings)");
        assertThat(fixture.server("hermes-renamed").get("id")).isEqualTo(12L);
        assertThat(fixture.server("iris").get("id")).isNotEqualTo(99999L);
    }

    @Test
    void badDateIsSkippedWithWarning() {
        DataSource source = fixture.create(fixture.labServers());

        SynchroFixture.Call call = fixture.load(source, "primary_key;name;org_id;status;move2production\n"
                + "srv-009;helios;NLAB;production;15/01/2025\nsrv-010;ixion;NLAB;production;next week\n",
                "--date_format=d/m/Y", "--output=details");

        assertThat(call.output()).contains("0: New entry, reconciliation: '`primary_key` = 'srv-009''\n"
                + "1: New entry, reconciliation: '`primary_key` = 'srv-010''\n"
                + "1: Wrong format for DATE column 4: 'next week' does not match the expected format: 'd/m/Y'"
                + " (column skipped)\n");
        assertThat(call.lines()).contains("#Date and time format: 'd/m/Y' ",
                "#Date only format: 'd/m/Y' , applied to columns [move2production]");
        assertThat(fixture.count("SELECT count(*) FROM " + source.databaseTableName()
                + " WHERE primary_key = 'srv-010' AND move2production IS NULL")).isEqualTo(1);
        assertThat(fixture.server("helios").get("move2production").toString()).isEqualTo("2025-01-15");
        assertThat(fixture.server("ixion").get("move2production")).isNull();
    }

    @Test
    void badDateWarningInSummaryMode() {
        DataSource source = fixture.create(fixture.labServers());

        SynchroFixture.Call call = fixture.load(source, "primary_key;name;org_id;status;move2production\n"
                + "srv-010;ixion;NLAB;production;next week\n", "--date_format=d/m/Y");

        assertThat(call.lines().get(0)).isEqualTo("0: Wrong format for DATE column 4: 'next week' does not match"
                + " the expected format: 'd/m/Y' (column skipped)");
    }

    @Test
    void deletedDestinationBecomesOrphan() {
        DataSource source = fixture.create(fixture.labServers());
        fixture.load(source, SynchroFixture.SY01);
        fixture.sql("DELETE FROM obj_functionalci WHERE name = 'cyrene'");

        SynchroFixture.Call call = fixture.load(source, SynchroFixture.SY01.replace(
                "srv-003;cyrene;NLAB;SN-9003;implementation;", "srv-003;cyrene;NLAB;SN-9003;production;"));

        assertThat(line(call, "#Objects update errors")).isEqualTo("#Objects update errors: 1");
        Map<String, Object> replica = fixture.replica(source, "srv-003");
        assertThat(replica.get("status")).isEqualTo("orphan");
        assertThat(replica.get("status_last_error")).isEqualTo("Destination object deleted unexpectedly");

        fixture.load(source, SynchroFixture.SY01);

        assertThat(fixture.replica(source, "srv-003").get("status")).isEqualTo("orphan");
        assertThat(fixture.server("cyrene")).isNull();
    }
    @Test
    void takeFirstUpdatesLowestId() {
        fixture.sql("INSERT INTO obj_functionalci (id, finalclass, name, org_id, status) VALUES"
                + " (41, 'Server', 'twin', 4, 'stock'), (40, 'Server', 'twin', 4, 'stock')");
        DataSource source = fixture.create(fixture.labServers().actionOnMultiple("take_first"));

        SynchroFixture.Call call = fixture.load(source, "primary_key;name;org_id;status\nsrv-1;twin;NLAB;production\n");

        assertThat(line(call, "#Objects reconciled (updated)")).isEqualTo("#Objects reconciled (updated): 1 (0 warnings)");
        assertThat(((Number) fixture.replica(source, "srv-1").get("dest_id")).longValue()).isEqualTo(40L);
        assertThat(fixture.count("SELECT count(*) FROM obj_functionalci WHERE status = 'production'")).isEqualTo(1);
    }

    @Test
    void actionOnOneErrorRefusesMatch() {
        fixture.sql("INSERT INTO obj_functionalci (id, finalclass, name, org_id, status) VALUES (31, 'Server', 'delphi', 4, 'stock')");
        DataSource source = fixture.create(fixture.labServers().actionOnOne("error"));

        SynchroFixture.Call call = fixture.load(source, "primary_key;name;org_id;status\nsrv-4;delphi;NLAB;production\n");

        assertThat(line(call, "#Objects reconciliation errors")).isEqualTo("#Objects reconciliation errors: 1");
        assertThat(fixture.replica(source, "srv-4").get("status_last_error")).isEqualTo("Found a match while expecting several");
        assertThat(fixture.server("delphi").get("status")).isEqualTo("stock");
    }

    @Test
    void severalMatchesCanCreate() {
        fixture.sql("INSERT INTO obj_functionalci (id, finalclass, name, org_id, status) VALUES"
                + " (41, 'Server', 'twin', 4, 'stock'), (40, 'Server', 'twin', 4, 'stock')");
        DataSource source = fixture.create(fixture.labServers().actionOnMultiple("create"));

        SynchroFixture.Call call = fixture.load(source, "primary_key;name;org_id;status\nsrv-1;twin;NLAB;production\n");

        assertThat(line(call, "#Objects created")).isEqualTo("#Objects created: 1 (0 warnings)");
        assertThat(fixture.count("SELECT count(*) FROM obj_functionalci WHERE name = 'twin'")).isEqualTo(3);
    }

    @Test
    void shortRowLeavesMissingCellsAlone() {
        DataSource source = fixture.create(fixture.labServers());
        fixture.load(source, "primary_key;name;org_id;serialnumber\nsrv-1;atlas;NLAB;SN-1\n");

        SynchroFixture.Call call = fixture.load(source, "primary_key;name;org_id;serialnumber\nsrv-1;atlas\nsrv-2;boreas;NLAB\n");

        assertThat(line(call, "#Issues (before")).isEqualTo("#Issues (before synchro): 0");
        assertThat(fixture.count("SELECT count(*) FROM " + source.databaseTableName()
                + " WHERE primary_key = 'srv-1' AND serialnumber = 'SN-1' AND org_id = 'NLAB'")).isEqualTo(1);
        assertThat(fixture.count("SELECT count(*) FROM " + source.databaseTableName()
                + " WHERE primary_key = 'srv-2' AND serialnumber IS NULL")).isEqualTo(1);
        assertThat(fixture.server("atlas").get("serialnumber")).isEqualTo("SN-1");
        assertThat(fixture.server("boreas")).isNotNull();
    }
}
