package io.github.itopdata.core.synchro;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.testing.PostgresExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bringing data sources in line with the model after it changed. */
@ExtendWith(PostgresExtension.class)
class DataSourceRepairTest {

    private static SynchroFixture fixture;

    @BeforeAll
    static void createSchema(Database database) {
        fixture = new SynchroFixture(database);
    }

    @BeforeEach
    void reset() {
        fixture.reset();
    }

    private String prefix(DataSource source) {
        return "Data source 'Lab servers' (id " + source.id() + "): ";
    }

    @Test
    void sourceInLineWithModelNeedsNoRepair() {
        fixture.create(fixture.labServers());

        assertThat(fixture.sources.repair(false)).isEmpty();
    }

    @Test
    void attributeOfRemovedFieldIsDeleted() {
        DataSource source = fixture.create(fixture.labServers());
        fixture.sql("INSERT INTO obj_synchroattribute (finalclass, sync_source_id, attcode, \"update\", reconcile,"
                + " update_policy) VALUES ('SynchroAttribute', " + source.id() + ", 'retired_field', true, false,"
                + " 'master_locked')");

        List<String> repairs = fixture.sources.repair(false);

        assertThat(repairs).containsExactly(prefix(source) + "deleted the synchro attribute 'retired_field', which"
                + " the class no longer has");
        assertThat(fixture.count("SELECT count(*) FROM obj_synchroattribute WHERE attcode = 'retired_field'")).isZero();
        assertThat(fixture.sources.repair(false)).isEmpty();
    }

    @Test
    void newFieldGetsAttributeWithUpdatesOff() {
        DataSource source = fixture.create(fixture.labServers());
        fixture.sql("DELETE FROM obj_synchroattribute WHERE attcode = 'cpu' AND sync_source_id = " + source.id());
        fixture.sql("ALTER TABLE " + source.databaseTableName() + " DROP COLUMN cpu");

        List<String> repairs = fixture.sources.repair(false);

        assertThat(repairs).containsExactly(
                prefix(source) + "added the synchro attribute 'cpu' (not updated, not reconciled)",
                prefix(source) + "added the column cpu to " + source.databaseTableName());
        SynchroAttributeDef cpu = fixture.sources.find(source.id()).orElseThrow().attributes().stream()
                .filter(a -> a.attCode().equals("cpu")).findFirst().orElseThrow();
        assertThat(cpu.update()).isFalse();
        assertThat(cpu.reconcile()).isFalse();
        assertThat(cpu.updatePolicy()).isEqualTo("master_locked");
        assertThat(fixture.count("SELECT count(*) FROM information_schema.columns WHERE table_name = ? AND column_name"
                + " = 'cpu'", source.databaseTableName())).isEqualTo(1);
    }

    @Test
    void missingTriggerIsRecreatedAndFeedsWork() {
        DataSource source = fixture.create(fixture.labServers());
        fixture.sql("DROP TRIGGER replica_ins ON " + source.databaseTableName());

        List<String> repairs = fixture.sources.repair(false);

        assertThat(repairs).containsExactly(prefix(source) + "recreated the triggers of " + source.databaseTableName()
                + " (2 of 3 found)");
        fixture.load(source, SynchroFixture.SY01);
        assertThat(fixture.count("SELECT count(*) FROM obj_synchroreplica WHERE sync_source_id = ?", source.id()))
                .isEqualTo(3);
    }

    @Test
    void outdatedTriggerIsRecreated() {
        DataSource source = fixture.create(fixture.labServers());
        String table = source.databaseTableName();
        fixture.sql("CREATE OR REPLACE FUNCTION " + table + "_upd() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN"
                + " RETURN NULL; END $f$");

        List<String> repairs = fixture.sources.repair(false);

        assertThat(repairs).containsExactly(prefix(source) + "recreated the outdated triggers of " + table);
        assertThat(fixture.sources.repair(false)).isEmpty();
    }

    @Test
    void diagnoseChangesNothing() {
        DataSource source = fixture.create(fixture.labServers());
        fixture.sql("DROP TRIGGER replica_ins ON " + source.databaseTableName());
        fixture.sql("DELETE FROM obj_synchroattribute WHERE attcode = 'cpu' AND sync_source_id = " + source.id());

        List<String> diagnosis = fixture.sources.repair(true);

        assertThat(diagnosis).hasSize(2);
        assertThat(fixture.sources.repair(true)).isEqualTo(diagnosis);
        assertThat(fixture.count("SELECT count(*) FROM pg_trigger WHERE tgname = 'replica_ins'")).isZero();
    }
}
