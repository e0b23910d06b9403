package io.github.itopdata.core.synchro;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.testing.PostgresExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The e-mail a data source's contact gets when a run has errors, does not start, or aborts. */
@ExtendWith(PostgresExtension.class)
class SynchroNotifierTest {

    private static final String UNKNOWN_ORGANIZATION = "primary_key;name;org_id;serialnumber;status\n"
            + "srv-007;fornax;ZZZ;SN-9007;production\n";

    private static SynchroFixture fixture;

    @BeforeAll
    static void createSchema(Database database) {
        fixture = new SynchroFixture(database);
    }

    @BeforeEach
    void reset() {
        fixture.reset();
        fixture.sql("TRUNCATE cron_async_task CASCADE");
        fixture.sql("INSERT INTO obj_contact (id, finalclass, name, first_name, org_id, email, status) VALUES"
                + " (40, 'Person', 'Lindqvist', 'Ada', 4, 'ada.lindqvist@northlab.example', 'active'),"
                + " (41, 'Person', 'Moreau', 'Jules', 4, '', 'active')");
    }

    private List<Map<String, Object>> queuedEmails() {
        return fixture.database.jdbi().withHandle(handle -> handle.createQuery("SELECT array_to_string(to_addresses, ',')"
                + " AS recipients, subject, body, content_type FROM cron_async_email ORDER BY task_id").mapToMap().list());
    }

    @Test
    void runWithErrorsMailsTheContact() {
        DataSource source = fixture.create(fixture.labServers().notifyContactId(40L));

        fixture.load(source, UNKNOWN_ORGANIZATION);

        List<Map<String, Object>> emails = queuedEmails();
        assertThat(emails).hasSize(1);
        assertThat(emails.get(0).get("recipients")).isEqualTo("ada.lindqvist@northlab.example");
        assertThat(emails.get(0).get("subject")).isEqualTo("iTop Data Sync - Lab servers - errors (1)");
        assertThat(emails.get(0).get("content_type")).isEqualTo("text/html");
        assertThat((String) emails.get(0).get("body")).contains("<b>Lab servers</b>", "Objects creation errors: 1");
    }

    @Test
    void runWithoutErrorsSendsNothing() {
        DataSource source = fixture.create(fixture.labServers().notifyContactId(40L));

        fixture.load(source, SynchroFixture.SY01);

        assertThat(queuedEmails()).isEmpty();
    }

    @Test
    void simulatedRunSendsNothing() {
        DataSource source = fixture.create(fixture.labServers().notifyContactId(40L));

        fixture.load(source, UNKNOWN_ORGANIZATION, "--simulate=1");

        assertThat(queuedEmails()).isEmpty();
    }

    @Test
    void sourceWithoutContactSendsNothing() {
        DataSource source = fixture.create(fixture.labServers());

        fixture.load(source, UNKNOWN_ORGANIZATION);

        assertThat(queuedEmails()).isEmpty();
    }

    @Test
    void contactWithoutAddressSendsNothing() {
        DataSource source = fixture.create(fixture.labServers().notifyContactId(41L));

        SynchroFixture.Call call = fixture.load(source, UNKNOWN_ORGANIZATION);

        assertThat(call.output()).contains("#Objects creation errors: 1");
        assertThat(queuedEmails()).isEmpty();
    }

    @Test
    void runStoppedByGuardIsFatalError() {
        DataSource source = fixture.create(fixture.labServers().notifyContactId(40L).deletePolicy("update")
                .deletePolicyUpdate("status:obsolete"));
        StringBuilder feed = new StringBuilder("primary_key;name;org_id;status\n");
        for (int i = 101; i <= 112; i++) {
            feed.append("srv-").append(i).append(";host-").append(i).append(";NLAB;production\n");
        }
        fixture.load(source, feed.toString());

        fixture.load(source, "primary_key;name;org_id;status\n");

        List<Map<String, Object>> emails = queuedEmails();
        assertThat(emails).hasSize(1);
        assertThat(emails.get(0).get("subject")).isEqualTo("iTop Data Sync - Lab servers - fatal error");
        assertThat((String) emails.get(0).get("body")).contains("did not start", "All records have been untouched");
    }
}
