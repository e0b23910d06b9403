package io.github.itopdata.core.synchro;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.imports.CsvImporter;
import io.github.itopdata.core.imports.ImportInput;
import io.github.itopdata.core.imports.ImportRequest;
import io.github.itopdata.core.imports.ImportUser;
import io.github.itopdata.core.testing.PostgresExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Attributes that a data source synchronizes with master_locked are read-only for the CSV import. */
@ExtendWith(PostgresExtension.class)
class SynchroLocksTest {

    private static SynchroFixture fixture;

    @BeforeAll
    static void createSchema(Database database) {
        fixture = new SynchroFixture(database);
    }

    @BeforeEach
    void reset() {
        fixture.reset();
    }

    private List<String> importServers(String csv) throws IOException {
        CsvImporter importer = new CsvImporter(fixture.database.jdbi(), fixture.mapping.model());
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        importer.run(ImportRequest.fromParameters(Map.of("class", "Server", "reconciliationkeys", "name",
                        "output", "details", "no_localize", "1")), ImportInput.of(csv.getBytes(StandardCharsets.UTF_8)),
                new ImportUser("Tess Import", Optional.empty(), className -> true), output);
        return List.of(output.toString(StandardCharsets.UTF_8).split("\n"));
    }

    @Test
    void importRefusesChangeToLockedAttribute() throws IOException {
        DataSource source = fixture.create(fixture.labServers());
        fixture.load(source, SynchroFixture.SY01);
        long atlas = ((Number) fixture.server("atlas").get("id")).longValue();

        List<String> lines = importServers("name,serialnumber\natlas,SN-HAND\n");

        assertThat(lines).contains("#Issues: 1", "#Updated: 0",
                "0;Issue: Unexpected attribute value(s);Server;" + atlas + ";atlas;'SN-HAND' is an invalid value."
                        + " The attribute 'serialnumber' is read-only and cannot be modified (current value: SN-9001,"
                        + " proposed value: SN-HAND): the data source 'Lab servers' synchronizes it");
        assertThat(fixture.server("atlas").get("serialnumber")).isEqualTo("SN-9001");
    }

    @Test
    void importKeepsLockedAttributeGivenUnchanged() throws IOException {
        DataSource source = fixture.create(fixture.labServers());
        fixture.load(source, SynchroFixture.SY01);

        List<String> lines = importServers("name,serialnumber,cpu\natlas,SN-9001,4\n");

        assertThat(lines).contains("#Issues: 0", "#Updated: 1");
        assertThat(fixture.server("atlas").get("cpu")).isEqualTo("4");
    }

    @Test
    void importRefusesChangeToLockedExternalKey() throws IOException {
        DataSource source = fixture.create(fixture.labServers());
        fixture.load(source, SynchroFixture.SY01);

        List<String> lines = importServers("name,org_id->code\natlas,SYRD\n");

        assertThat(lines).contains("#Issues: 1");
        assertThat(lines).anyMatch(line -> line.contains("The attribute 'org_id' is read-only and cannot be modified"));
        assertThat(((Number) fixture.server("atlas").get("org_id")).longValue()).isEqualTo(4);
    }

    @Test
    void unlockedPolicyLetsImportChangeAttribute() throws IOException {
        DataSource source = fixture.create(fixture.labServers());
        fixture.load(source, SynchroFixture.SY01);
        fixture.change(source, builder -> builder.attributes(fixture.labServers().build().attributes().stream()
                .map(a -> a.attCode().equals("serialnumber")
                        ? SynchroAttributeDef.plain("serialnumber", true, false, "master_unlocked") : a)
                .toList()));

        List<String> lines = importServers("name,serialnumber\natlas,SN-HAND\n");

        assertThat(lines).contains("#Issues: 0", "#Updated: 1");
        assertThat(fixture.server("atlas").get("serialnumber")).isEqualTo("SN-HAND");
    }

    @Test
    void objectsWithoutReplicaAreNotLocked() throws IOException {
        fixture.create(fixture.labServers());
        fixture.sql("INSERT INTO obj_functionalci (id, finalclass, name, org_id, status) VALUES (31, 'Server', 'delphi',"
                + " 4, 'stock')");

        List<String> lines = importServers("name,serialnumber\ndelphi,SN-HAND\n");

        assertThat(lines).contains("#Issues: 0", "#Updated: 1");
    }

    @Test
    void otherSourceCannotChangeLockedAttribute() {
        DataSource lab = fixture.create(fixture.labServers());
        fixture.load(lab, SynchroFixture.SY01);
        DataSource assets = fixture.create(fixture.labServers().name("Asset feed"));

        SynchroFixture.Call call = fixture.load(assets, "primary_key;name;org_id;serialnumber\n"
                + "asset-1;atlas;NLAB;SN-OTHER\nasset-2;boreas;NLAB;SN-9002\n");

        assertThat(call.output()).contains("#Objects updated: 0 (0 warnings)");
        assertThat(fixture.server("atlas").get("serialnumber")).isEqualTo("SN-9001");
        assertThat((String) fixture.replica(assets, "asset-1").get("status_last_error")).isEqualTo("Unable to update"
                + " destination object: The attribute 'serialnumber' is read-only and cannot be modified (current"
                + " value: SN-9001, proposed value: SN-OTHER): the data source 'Lab servers' synchronizes it");
        assertThat(fixture.replica(assets, "asset-2").get("status")).isEqualTo("synchronized");
        assertThat(((Number) fixture.replica(assets, "asset-2").get("dest_id")).longValue())
                .isEqualTo(((Number) fixture.server("boreas").get("id")).longValue());
    }

    @Test
    void sourceIsNotBlockedByItsOwnLocks() {
        DataSource lab = fixture.create(fixture.labServers());
        fixture.load(lab, SynchroFixture.SY01);

        fixture.load(lab, SynchroFixture.SY01.replace("SN-9001", "SN-9001B"));

        assertThat(fixture.server("atlas").get("serialnumber")).isEqualTo("SN-9001B");
    }

    @Test
    void replicaThatFailedDoesNotLock() throws IOException {
        DataSource lab = fixture.create(fixture.labServers());
        fixture.load(lab, SynchroFixture.SY01);
        DataSource assets = fixture.create(fixture.labServers().name("Asset feed"));
        fixture.load(assets, "primary_key;name;org_id;serialnumber\nasset-1;atlas;NLAB;SN-OTHER\n");
        fixture.sql("DELETE FROM obj_synchroreplica WHERE sync_source_id = " + lab.id());

        List<String> lines = importServers("name,serialnumber\natlas,SN-HAND\n");

        assertThat(fixture.replica(assets, "asset-1").get("status")).isEqualTo("new");
        assertThat(fixture.replica(assets, "asset-1").get("dest_id")).isNotNull();
        assertThat(lines).contains("#Issues: 0", "#Updated: 1");
    }
}
