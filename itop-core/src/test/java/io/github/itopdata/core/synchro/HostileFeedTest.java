package io.github.itopdata.core.synchro;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.testing.PostgresExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Feeds that try to break the loader or the run. */
@ExtendWith(PostgresExtension.class)
class HostileFeedTest {

    private final SynchroFixture fixture;

    HostileFeedTest(Database database) {
        this.fixture = new SynchroFixture(database);
    }

    @BeforeEach
    void reset() {
        fixture.reset();
    }

    @Test
    void keysDifferingByCaseAccentsOrSpacesAreOneRow() {
        DataSource source = fixture.create(fixture.labServers());

        SynchroFixture.Call call = fixture.load(source, "primary_key;name;org_id;status\n"
                + "srv-été;summer;NLAB;stock\n\"SRV-ETE  \";summer;NLAB;production\nSrv-Ete;summer;NLAB;production\n");

        assertThat(call.lines()).contains("#Created (before synchro): 1", "#Updated (before synchro): 2",
                "#Objects created: 1 (0 warnings)");
        assertThat(fixture.replicas(source)).hasSize(1);
        assertThat(fixture.replicas(source).get(0).get("primary_key")).isEqualTo("srv-été");
        assertThat(fixture.server("summer").get("status")).isEqualTo("production");
    }

    @Test
    void nulCharacterSkipsCellAndKeepsOtherRows() {
        DataSource source = fixture.create(fixture.labServers());

        SynchroFixture.Call call = fixture.load(source, "primary_key;name;org_id;status;serialnumber\n"
                + "srv-1;alpha;NLAB;production;SN\u00001\n"
                + "srv-2;beta;NLAB;production;SN-2\n"
                + "srv-\u00003;gamma;NLAB;production;SN-3\n", "--output=details");

        assertThat(call.output()).contains("0: Invalid value for column 4 ('serialnumber'): 'SN\\01' contains a NUL"
                + " character (0x00), which PostgreSQL cannot store (column skipped)\n");
        assertThat(call.output()).contains("2: Error - primary_key 'srv-\\03' contains a NUL character (0x00), which"
                + " PostgreSQL cannot store: remove it from the source\n");
        assertThat(call.lines()).contains("#Issues (before synchro): 1", "#Created (before synchro): 2",
                "#Objects created: 2 (0 warnings)");
        assertThat(fixture.server("alpha").get("serialnumber")).isNull();
        assertThat(fixture.server("beta").get("serialnumber")).isEqualTo("SN-2");
        assertThat(fixture.server("gamma")).isNull();
    }

    @Test
    void databaseRejectionFailsOnlyItsReplica() {
        fixture.sql("ALTER TABLE obj_functionalci ADD CONSTRAINT serial_not_bad CHECK (serialnumber <> 'BAD')");
        try {
            DataSource source = fixture.create(fixture.labServers());

            SynchroFixture.Call first = fixture.load(source, "primary_key;name;org_id;status;serialnumber\n"
                    + "srv-1;alpha;NLAB;production;SN-1\nsrv-2;beta;NLAB;production;BAD\n"
                    + "srv-3;gamma;NLAB;production;SN-3\n");

            assertThat(first.lines()).contains("#Objects created: 2 (0 warnings)", "#Objects creation errors: 1");
            assertThat((String) fixture.replica(source, "srv-2").get("status_last_error"))
                    .startsWith("Unable to create destination object: ").contains("serial_not_bad");
            assertThat(fixture.replica(source, "srv-2").get("status")).isEqualTo("new");
            assertThat(fixture.server("alpha").get("serialnumber")).isEqualTo("SN-1");
            assertThat(fixture.server("gamma").get("serialnumber")).isEqualTo("SN-3");

            SynchroFixture.Call second = fixture.load(source, "primary_key;name;org_id;status;serialnumber\n"
                    + "srv-1;alpha;NLAB;production;BAD\nsrv-2;beta;NLAB;production;SN-2\n"
                    + "srv-3;gamma;NLAB;production;SN-33\n");

            assertThat(second.lines()).contains("#Objects created: 1 (0 warnings)", "#Objects updated: 1 (0 warnings)",
                    "#Objects update errors: 1");
            assertThat((String) fixture.replica(source, "srv-1").get("status_last_error"))
                    .startsWith("Unable to update destination object: ").contains("serial_not_bad");
            assertThat(fixture.server("alpha").get("serialnumber")).isEqualTo("SN-1");
            assertThat(fixture.server("beta").get("serialnumber")).isEqualTo("SN-2");
            assertThat(fixture.server("gamma").get("serialnumber")).isEqualTo("SN-33");
        } finally {
            fixture.sql("ALTER TABLE obj_functionalci DROP CONSTRAINT serial_not_bad");
        }
    }

    @Test
    void reconciliationIgnoresCaseAndAccents() {
        fixture.sql("INSERT INTO obj_functionalci (id, finalclass, name, org_id, status) VALUES (40, 'Server', 'Éole', 4, 'stock')");
        DataSource source = fixture.create(fixture.labServers());

        SynchroFixture.Call call = fixture.load(source, "primary_key;name;org_id;status\nsrv-1;EOLE;nlab;production\n");

        assertThat(call.lines()).contains("#Objects reconciled (updated): 1 (0 warnings)");
        assertThat(fixture.count("SELECT count(*) FROM obj_functionalci")).isEqualTo(1);
        assertThat(fixture.server("EOLE")).isNotNull();
    }

    @Test
    void hugeLinkSetValueFailsThatReplicaOnly() {
        DataSource source = fixture.create(fixture.labServers().attribute(
                SynchroAttributeDef.linkSet("contacts_list", true, "master_locked")));
        StringBuilder links = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            links.append("contact_id->name:Person ").append(i).append("|");
        }

        SynchroFixture.Call call = fixture.load(source, "primary_key;name;org_id;status;contacts_list\n"
                + "srv-1;big;NLAB;production;" + links + "\nsrv-2;small;NLAB;production;\n");

        assertThat(call.exitCode()).isZero();
        assertThat(call.lines()).contains("#Objects created: 1 (0 warnings)", "#Objects creation errors: 1");
        assertThat(fixture.count("SELECT length(contacts_list) FROM " + source.databaseTableName()
                + " WHERE primary_key = 'srv-1'")).isEqualTo(links.length());
        assertThat((String) fixture.replica(source, "srv-1").get("status_last_error"))
                .startsWith("Unable to create destination object: Found no match for 'contact_id'");
        assertThat(fixture.server("small")).isNotNull();
    }

    @Test
    void linkSetReplacesLinks() {
        fixture.sql("INSERT INTO obj_contact (id, finalclass, name, first_name, org_id, status, email) VALUES"
                + " (60, 'Person', 'Okafor', 'Lena', 4, 'active', 'lena@example.test'),"
                + " (61, 'Person', 'Varga', 'Tomas', 4, 'active', 'tomas@example.test')");
        DataSource source = fixture.create(fixture.labServers().attribute(
                SynchroAttributeDef.linkSet("contacts_list", true, "master_locked")));

        SynchroFixture.Call first = fixture.load(source, "primary_key;name;org_id;contacts_list\n"
                + "srv-1;atlas;NLAB;contact_id->name:okafor|contact_id->email:tomas@example.test\n");
        long atlas = (Long) fixture.server("atlas").get("id");

        assertThat(first.lines()).contains("#Objects created: 1 (0 warnings)");
        assertThat(fixture.count("SELECT count(*) FROM obj_lnkcontacttofunctionalci WHERE functionalci_id = ?", atlas))
                .isEqualTo(2);

        SynchroFixture.Call second = fixture.load(source, "primary_key;name;org_id;contacts_list\n"
                + "srv-1;atlas;NLAB;contact_id:61\n");

        assertThat(second.lines()).contains("#Objects updated: 1 (0 warnings)");
        assertThat(fixture.count("SELECT count(*) FROM obj_lnkcontacttofunctionalci WHERE functionalci_id = ?", atlas))
                .isEqualTo(1);
        assertThat(fixture.count("SELECT contact_id FROM obj_lnkcontacttofunctionalci WHERE functionalci_id = ?", atlas))
                .isEqualTo(61);
    }

    @Test
    void invalidValuesInReplicaTableAreSkippedWithWarning() {
        DataSource source = fixture.create(fixture.labServers().attribute(
                SynchroAttributeDef.plain("nb_u", true, false, "master_locked")));
        fixture.load(source, "primary_key;name;org_id;status;nb_u;move2production\nsrv-1;atlas;NLAB;stock;4;2024-01-01\n");

        fixture.sql("UPDATE " + source.databaseTableName() + " SET nb_u = 'twelve', move2production = '2024-02-31',"
                + " status = 'production'");
        SynchroFixture.Call call = fixture.exec(Long.toString(source.id()));

        assertThat(call.lines()).contains("Objects updated: 1 (1 warnings)");
        assertThat(fixture.server("atlas").get("status")).isEqualTo("production");
        assertThat(fixture.server("atlas").get("nb_u")).isEqualTo(4);
        assertThat(fixture.server("atlas").get("move2production").toString()).isEqualTo("2024-01-01");
        String warning = (String) fixture.replica(source, "srv-1").get("status_last_warning");
        assertThat(warning).startsWith("2 warnings: ");
        assertThat(warning).contains("Invalid value for 'nb_u' (primary_key 'srv-1'): 'twelve', expected an integer;"
                + " attribute skipped");
        assertThat(warning).contains("Invalid value for 'move2production' (primary_key 'srv-1'): '2024-02-31',"
                + " expected a date as YYYY-MM-DD; attribute skipped");
    }

    @Test
    void impossibleDateInFeedIsSkipped() {
        DataSource source = fixture.create(fixture.labServers());

        SynchroFixture.Call call = fixture.load(source, "primary_key;name;org_id;status;move2production\n"
                + "srv-1;atlas;NLAB;stock;2025-02-30\nsrv-2;boreas;NLAB;stock;0000-00-00\n");

        assertThat(call.lines()).contains("0: Wrong format for DATE column 4: '2025-02-30' does not match the expected"
                + " format: 'Y-m-d' (column skipped)", "#Objects created: 2 (0 warnings)");
        assertThat(fixture.server("atlas").get("move2production")).isNull();
    }

    @Test
    void overlongPrimaryKeyIsAnImportError() {
        DataSource source = fixture.create(fixture.labServers());
        String key = "k".repeat(300);

        SynchroFixture.Call stopped = fixture.load(source, "primary_key;name;org_id\nsrv-1;a;NLAB\n" + key + ";b;NLAB\n");
        SynchroFixture.Call continued = fixture.load(source, "primary_key;name;org_id\n" + key + ";b;NLAB\nsrv-2;c;NLAB\n",
                "--no_stop_on_import_error=1");

        assertThat(stopped.exitCode()).isEqualTo(1);
        assertThat(stopped.output()).isEqualTo("#1: Import error 'value too long for primary_key: 300 characters, at most"
                + " 255'\n#Loaded 1 rows before the error\n");
        assertThat(continued.lines()).contains("0: Import error 'value too long for primary_key: 300 characters, at most"
                + " 255' (continuing)...", "#Issues (before synchro): 1");
        assertThat(fixture.count("SELECT count(*) FROM " + source.databaseTableName())).isEqualTo(2);
    }

    @Test
    void qualifiedCellsKeepSeparatorsAndLineBreaks() {
        DataSource source = fixture.create(fixture.labServers());

        fixture.load(source, "primary_key;name;org_id;description\nsrv-1;atlas;NLAB;\"a;b\nc \"\"d\"\"\"\n");

        assertThat(fixture.server("atlas").get("description")).isEqualTo("a;b\nc \"d\"");
    }

    @Test
    void latinOneFeedIsDetected() {
        DataSource source = fixture.create(fixture.labServers());
        byte[] feed = "primary_key;name;org_id\nsrv-1;caf\u00e9;NLAB\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

        SynchroFixture.Call call = fixture.call(new SynchroImportService(), java.util.Map.of("data_source_id",
                Long.toString(source.id()), "separator", ";"), feed, SynchroFixture.ADMIN);

        assertThat(call.lines()).contains("#Charset Encoding:ISO-8859-1");
        assertThat(fixture.server("café")).isNotNull();
    }
}
