package io.github.itopdata.core.synchro;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.service.FrontEnd;
import io.github.itopdata.core.service.ServiceRegistry;
import io.github.itopdata.core.testing.PostgresExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Arguments, messages, exit codes and options of synchro_import and synchro_exec. */
@ExtendWith(PostgresExtension.class)
class SynchroServicesTest {

    private final SynchroFixture fixture;

    SynchroServicesTest(Database database) {
        this.fixture = new SynchroFixture(database);
    }

    @BeforeEach
    void reset() {
        fixture.reset();
    }

    @Test
    void servicesAreFoundByAliases() {
        ServiceRegistry registry = ServiceRegistry.discover();

        assertThat(registry.find("synchro_import")).containsInstanceOf(SynchroImportService.class);
        assertThat(registry.find("synchro/synchro_import.php")).containsInstanceOf(SynchroImportService.class);
        assertThat(registry.find("synchro_exec.php")).containsInstanceOf(SynchroExecService.class);
        assertThat(registry.find("/var/www/itop/synchro/synchro_exec.php")).containsInstanceOf(SynchroExecService.class);
    }

    @Test
    void missingDataSourceArgumentPrintsUsage() {
        SynchroFixture.Call call = fixture.call(new SynchroImportService(), Map.of(), "a;b\n".getBytes(),
                SynchroFixture.ADMIN);

        assertThat(call.exitCode()).isEqualTo(2);
        assertThat(call.output()).startsWith("ERROR: Missing argument 'data_source_id'\n\nUSAGE:\n\nauth_user = ");
        assertThat(call.output()).contains("no_stop_on_import_error = 1 to keep loading after a row fails, optional,"
                + " defaults to [0]\n");
        assertThat(call.output()).endsWith("synchro_trace = none, display (traces in the output) or save (also in the"
                + " run's log), optional, defaults to [none]\n");
    }

    @Test
    void importArgumentErrorsHaveTheirMessages() {
        DataSource source = fixture.create(fixture.labServers());

        assertThat(fixture.load(source, "").output()).isEqualTo("#Missing data - at least one line is expected\n");
        SynchroFixture.Call unknown = fixture.load(source, "primary_key\nx\n", "--data_source_id=99999");
        assertThat(unknown.output()).isEqualTo("#Unknown data source id: '99999'\n");
        assertThat(unknown.exitCode()).isEqualTo(253);
        assertThat(fixture.load(source, "primary_key\nx\n", "--separator=;;").output())
                .isEqualTo("#Separator is limited to one character, found ';;'\n");
        assertThat(fixture.load(source, "primary_key\nx\n", "--qualifier=ab").output())
                .isEqualTo("#Text qualifier is limited to one character, found 'ab'\n");
        assertThat(fixture.load(source, "primary_key\nx\n", "--output=xml").output())
                .isEqualTo("#Unknown output format: 'xml'\n");
        assertThat(fixture.load(source, "name;org_id\nx;NLAB\n").output())
                .isEqualTo("#Missing reconciliation column 'primary_key'\n");
        assertThat(fixture.load(source, "primary_key,name\nx,y\n").output())
                .isEqualTo("#Unknown column 'primary_key,name' (class: 'Server')\n");
        assertThat(fixture.load(source, "primary_key\nx\n", "--charset=KLINGON-8").output())
                .isEqualTo("#Unknown charset 'KLINGON-8'\n");
    }

    @Test
    void detailsLayout() {
        DataSource source = fixture.create(fixture.labServers());
        fixture.load(source, "primary_key;name;org_id\nsrv-003;cyrene;NLAB\n", "--synchronize=0");

        SynchroFixture.Call call = fixture.load(source, SynchroFixture.SY01, "--output=details");

        String rule = "#" + "-".repeat(60);
        assertThat(call.output()).startsWith(rule + "\n# Import phase\n" + rule + "\n"
                + "0: New entry, reconciliation: '`primary_key` = 'srv-001''\n"
                + "1: New entry, reconciliation: '`primary_key` = 'srv-002''\n"
                + "2: Update entry, reconciliation: '`primary_key` = 'srv-003''\n"
                + rule + "\n# Import phase summary\n");
        assertThat(call.output()).contains("#Output format: details\n");
        assertThat(call.output()).contains("#Updated (before synchro): 1\n" + rule + "\n# Synchronization phase\n"
                + rule + "\n# No traces. (To activate the traces set \"synchro_trace\" => true in the configuration"
                + " file)\n" + rule + "\n# Synchronization phase summary\n");
    }

    @Test
    void reconciliationTextEscapesQuotes() {
        DataSource source = fixture.create(fixture.labServers());

        SynchroFixture.Call call = fixture.load(source, "primary_key;name;org_id\no'brien\\x;ob;NLAB\n",
                "--output=details", "--synchronize=0");

        assertThat(call.lines()).contains("0: New entry, reconciliation: '`primary_key` = 'o\\'brien\\\\x''");
    }

    @Test
    void synchronizeZeroLoadsOnly() {
        DataSource source = fixture.create(fixture.labServers());

        SynchroFixture.Call call = fixture.load(source, SynchroFixture.SY01, "--synchronize=0");

        assertThat(call.lines()).contains("#Synchronize: 0");
        assertThat(call.output()).doesNotContain("Synchronization phase");
        assertThat(fixture.replicas(source)).hasSize(3);
        assertThat(fixture.server("atlas")).isNull();
    }

    @Test
    void simulateChangesNothing() {
        DataSource source = fixture.create(fixture.labServers());

        SynchroFixture.Call call = fixture.load(source, SynchroFixture.SY01, "--simulate=1");

        assertThat(call.lines()).contains("#Simulate: 1", "#Objects created: 3 (0 warnings)");
        assertThat(fixture.count("SELECT count(*) FROM " + source.databaseTableName())).isZero();
        assertThat(fixture.count("SELECT count(*) FROM obj_functionalci")).isZero();
        assertThat(fixture.count("SELECT count(*) FROM obj_synchrolog")).isZero();
        assertThat(fixture.count("SELECT count(*) FROM itop_change")).isZero();
    }

    @Test
    void execSimulateChangesNothing() {
        DataSource source = fixture.create(fixture.labServers());
        fixture.load(source, SynchroFixture.SY01, "--synchronize=0");

        SynchroFixture.Call call = fixture.exec(Long.toString(source.id()), "--simulate=1");

        assertThat(call.lines()).contains("Objects created: 3 (0 warnings)");
        assertThat(fixture.count("SELECT count(*) FROM obj_functionalci")).isZero();
        assertThat(fixture.count("SELECT count(*) FROM obj_synchroreplica WHERE status = 'new'")).isEqualTo(3);
    }

    @Test
    void chunkedRunGivesSameResult() {
        DataSource source = fixture.create(fixture.labServers());
        StringBuilder feed = new StringBuilder("primary_key;name;org_id;status\n");
        for (int i = 0; i < 25; i++) {
            feed.append("srv-").append(i).append(";host-").append(i).append(";NLAB;production\n");
        }

        SynchroFixture.Call call = fixture.load(source, feed.toString(), "--max_chunk_size=4");

        assertThat(call.lines()).contains("#Objects created: 25 (0 warnings)");
        assertThat(fixture.count("SELECT count(*) FROM obj_synchrolog WHERE status = 'completed' AND status_curr_job = 0"))
                .isEqualTo(1);
    }

    @Test
    void execListsSourcesInOrderAndStopsAtUnknown() {
        DataSource first = fixture.create(fixture.labServers());
        DataSource second = fixture.create(fixture.labServers().name("Other servers"));

        SynchroFixture.Call call = fixture.exec(first.id() + ", 424242," + second.id());

        assertThat(call.exitCode()).isEqualTo(253);
        assertThat(call.lines()).containsSubsequence("Working on Lab servers (id=" + first.id() + ")...",
                "Replica disappeared, no action taken: 0",
                "ERROR: The data source (id=424242) does not exist. Exiting...");
        assertThat(call.output()).doesNotContain("Other servers");
    }

    @Test
    void execWithoutSourcesPrintsUsage() {
        SynchroFixture.Call missing = fixture.call(new SynchroExecService(), Map.of(), null, SynchroFixture.ADMIN);
        SynchroFixture.Call empty = fixture.exec("");

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.output()).startsWith("ERROR: Missing argument 'data_sources'\n\nUSAGE:\n\nphp -q synchro_exec.php");
        assertThat(empty.output()).startsWith("USAGE:\n\n");
        assertThat(new SynchroExecService().usage(FrontEnd.CLI)).endsWith("produced>]\n\n");
    }

    @Test
    void lockWaitRunsOut() {
        DataSource source = fixture.create(fixture.labServers());

        try (SourceLock held = SourceLock.acquire(fixture.database.jdbi(), source.id(), Duration.ZERO, "etl-robot")) {
            SynchroFixture.Call exec = fixture.exec(Long.toString(source.id()), "--synchro_lock_wait=0");
            SynchroFixture.Call load = fixture.load(source, SynchroFixture.SY01, "--synchro_lock_wait=0");

            assertThat(exec.exitCode()).isEqualTo(4);
            assertThat(exec.output()).containsPattern("ERROR: Another load or synchronization of data source "
                    + source.id() + " is in progress \\(started \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d by etl-robot\\)."
                    + " Operation cancelled.");
            assertThat(load.exitCode()).isEqualTo(4);
            assertThat(fixture.count("SELECT count(*) FROM " + source.databaseTableName())).isZero();
        }
    }

    @Test
    void staleRunningLogIsClosed() {
        DataSource source = fixture.create(fixture.labServers());
        fixture.sql("INSERT INTO obj_synchrolog (finalclass, sync_source_id, start_date, status) VALUES"
                + " ('SynchroLog', " + source.id() + ", now(), 'running')");

        fixture.exec(Long.toString(source.id()));

        assertThat(fixture.count("SELECT count(*) FROM obj_synchrolog WHERE status = 'error'"
                + " AND last_error = 'Interrupted (process ended without completing)'")).isEqualTo(1);
        assertThat(fixture.count("SELECT count(*) FROM obj_synchrolog WHERE status = 'running'")).isZero();
    }

    @Test
    void exitCodeIssuesReportsRowErrors() {
        DataSource source = fixture.create(fixture.labServers().actionOnZero("error"));

        SynchroFixture.Call plain = fixture.load(source, "primary_key;name;org_id\nsrv-1;a;NLAB\n");
        SynchroFixture.Call issues = fixture.load(source, "primary_key;name;org_id\nsrv-1;a;NLAB\n",
                "--exit_code=issues");

        assertThat(plain.exitCode()).isZero();
        assertThat(issues.exitCode()).isEqualTo(3);
    }

    @Test
    void rowErrorsComeBeforeSummary() {
        DataSource source = fixture.create(fixture.labServers());

        SynchroFixture.Call call = fixture.load(source, "primary_key;name;org_id\nsrv-1;a;NLAB;extra\n;b;NLAB\n"
                + "srv-3;c;NLAB\n");

        assertThat(call.lines().get(0)).isEqualTo("0: Error - 4 values for 3 columns");
        assertThat(call.lines().get(1)).isEqualTo("1: Error - primary_key is empty");
        assertThat(call.lines()).contains("#Issues (before synchro): 2", "#Created (before synchro): 1");
    }

    @Test
    void duplicateRowsInTableAreAnIssue() {
        DataSource source = fixture.create(fixture.labServers());
        fixture.sql("INSERT INTO " + source.databaseTableName() + " (primary_key, name) VALUES ('srv-1', 'a'), ('SRV-1', 'b')");

        SynchroFixture.Call call = fixture.load(source, "primary_key;name;org_id\nsrv-1;a;NLAB\n", "--synchronize=0");

        assertThat(call.lines()).contains("0: Error - Failed to reconcile, found 2 rows having '`primary_key` = 'srv-1''",
                "#Issues (before synchro): 1");
    }

    @Test
    void summaryCountsEveryRowWithoutListingThem() {
        DataSource source = fixture.create(fixture.labServers());
        fixture.load(source, "primary_key;name;org_id\nsrv-1;a;NLAB\n", "--synchronize=0");

        SynchroFixture.Call call = fixture.load(source, "primary_key;name;org_id\nSRV-1;b;NLAB\nsrv-2;c;NLAB\n"
                + "srv-2;d;NLAB\nsrv-3;e;NLAB\n", "--synchronize=0");

        assertThat(call.lines()).contains("#Created (before synchro): 2", "#Updated (before synchro): 2",
                "#Issues (before synchro): 0");
        assertThat(call.lines()).noneMatch(line -> line.contains("entry, reconciliation"));
    }

    @Test
    void etlWritesMaintainReplicas() {
        DataSource source = fixture.create(fixture.labServers());
        fixture.load(source, SynchroFixture.SY01);

        fixture.sql("UPDATE " + source.databaseTableName() + " SET name = 'Atlas' WHERE primary_key = 'srv-001'");
        fixture.sql("UPDATE " + source.databaseTableName() + " SET name = 'boreas' WHERE primary_key = 'srv-002'");
        fixture.sql("DELETE FROM " + source.databaseTableName() + " WHERE primary_key = 'srv-003'");

        assertThat(fixture.replica(source, "srv-001").get("status")).isEqualTo("modified");
        assertThat(fixture.replica(source, "srv-002").get("status")).isEqualTo("synchronized");
        assertThat(fixture.replicas(source)).hasSize(2);
        assertThat(fixture.count("SELECT count(*) FROM obj_synchroreplica")).isEqualTo(2);
        assertThat(fixture.server("cyrene")).isNotNull();
    }

    @Test
    void commentIsAppendedToChangeAuthor() {
        DataSource source = fixture.create(fixture.labServers());

        fixture.load(source, SynchroFixture.SY01, "--comment=nightly feed");

        assertThat(fixture.count("SELECT count(*) FROM itop_change WHERE user_info = 'admin (Data Synchro) nightly feed'"))
                .isEqualTo(1);
    }
}
