package io.github.itopdata.core.synchro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.itopdata.core.auth.Profile;
import io.github.itopdata.core.auth.Users;
import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.testing.PostgresExtension;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Creating, changing and defining data sources, and their replica tables. */
@ExtendWith(PostgresExtension.class)
class DataSourcesTest {

    /** A definition as iTop's data collectors send it, placeholders already substituted. */
    static final String COLLECTOR_JSON = """
            {
              "name": "Inventory:Server",
              "description": "Servers from the inventory",
              "status": "production",
              "user_id": "feedbot",
              "notify_contact_id": "",
              "scope_class": "Server",
              "database_table_name": "inventory-servers",
              "scope_restriction": "",
              "full_load_periodicity": "86400",
              "reconciliation_policy": "use_attributes",
              "action_on_zero": "create",
              "action_on_one": "update",
              "action_on_multiple": "error",
              "delete_policy": "update",
              "delete_policy_update": "status:obsolete",
              "delete_policy_retention": 0,
              "attribute_list": [
                {"attcode": "name", "update": "1", "reconcile": "1", "update_policy": "master_locked",
                 "finalclass": "SynchroAttribute", "friendlyname": "name"},
                {"attcode": "org_id", "update": "1", "reconcile": "0", "update_policy": "master_locked",
                 "reconciliation_attcode": "code", "finalclass": "SynchroAttExtKey", "friendlyname": "org_id"},
                {"attcode": "serialnumber", "update": 1, "reconcile": 0, "update_policy": "master_unlocked",
                 "finalclass": "SynchroAttribute"},
                {"attcode": "contacts_list", "update": "0", "reconcile": "0", "update_policy": "master_locked",
                 "row_separator": "|", "attribute_separator": ";", "value_separator": ":",
                 "attribute_qualifier": "'", "finalclass": "SynchroAttLinkSet"}
              ],
              "user_delete_policy": "nobody",
              "url_icon": "",
              "url_application": "",
              "user_id_friendlyname": "feedbot"
            }
            """;

    private final SynchroFixture fixture;

    DataSourcesTest(Database database) {
        this.fixture = new SynchroFixture(database);
    }

    @BeforeEach
    void reset() {
        fixture.reset();
    }

    /** Creates the user that the collector definition names, unless an earlier test did. */
    private void ensureFeedbot() {
        Users users = new Users(fixture.database);
        if (users.find("feedbot").isEmpty()) {
            users.create("feedbot", "a-long-password-1", Set.of(Profile.CONFIGURATION_MANAGER));
        }
    }

    @Test
    void creationMakesReplicaTable() {
        DataSource source = fixture.create(fixture.labServers());

        assertThat(source.id()).isPositive();
        assertThat(source.databaseTableName()).isEqualTo("synchro_data_server_" + source.id());
        assertThat(fixture.count("SELECT count(*) FROM information_schema.columns WHERE table_name = ?",
                source.databaseTableName())).isGreaterThan(10);
        assertThat(fixture.sources.find(source.id())).contains(source);
    }

    @Test
    void creationWithoutAttributesUsesClassDefaults() {
        DataSource source = fixture.create(DataSource.builder("All", "Server"));

        assertThat(source.attribute("name").orElseThrow().reconcile()).isTrue();
        assertThat(source.attribute("name").orElseThrow().update()).isTrue();
        assertThat(source.attribute("serialnumber").orElseThrow().reconcile()).isFalse();
        assertThat(source.attribute("org_id").orElseThrow().kind()).isEqualTo(SynchroAttributeDef.Kind.EXTERNAL_KEY);
        assertThat(source.attribute("contacts_list").orElseThrow().kind()).isEqualTo(SynchroAttributeDef.Kind.LINK_SET);
        assertThat(source.attribute("finalclass")).isEmpty();
    }

    @Test
    void attributesMissingFromListAreNotUpdated() {
        DataSource source = fixture.create(fixture.labServers());

        assertThat(source.attribute("cpu").orElseThrow().update()).isFalse();
        assertThat(source.attribute("cpu").orElseThrow().reconcile()).isFalse();
    }

    @Test
    void givenTableNameIsCleanedAndPrefixed() {
        DataSource source = fixture.create(fixture.labServers().databaseTableName("Inventory_Hosts"));

        assertThat(source.databaseTableName()).isEqualTo("synchro_data_inventory_hosts");
    }

    @Test
    void existingTableNameIsRejected() {
        fixture.create(fixture.labServers().databaseTableName("hosts"));

        assertThatThrownBy(() -> fixture.create(fixture.labServers().name("Other").databaseTableName("hosts")))
                .hasMessage("The table synchro_data_hosts already exists in the database. Please use another name"
                        + " for the synchro data table.");
    }

    @Test
    void reconciliationKeyIsRequired() {
        assertThatThrownBy(() -> fixture.create(fixture.labServers().attribute(
                SynchroAttributeDef.plain("name", true, false, "master_locked"))))
                .hasMessage("At Least one reconciliation key must be specified, or the reconciliation policy must be"
                        + " to use the primary key.");
    }

    @Test
    void retentionIsRequiredForUpdateThenDelete() {
        assertThatThrownBy(() -> fixture.create(fixture.labServers().deletePolicy("update_then_delete")
                .deletePolicyUpdate("status:obsolete")))
                .hasMessage("A delete retention period must be specified, since objects are to be deleted after being"
                        + " marked as obsolete");
    }

    @Test
    void updateRulesAreRequiredAndChecked() {
        assertThatThrownBy(() -> fixture.create(fixture.labServers().deletePolicy("update")))
                .hasMessage("Obsolete objects are to be updated, but no update is specified.");
        assertThatThrownBy(() -> fixture.create(fixture.labServers().deletePolicy("update")
                .deletePolicyUpdate("status:obsolete; description:gone")))
                .hasMessageContaining("has no attribute ' description'");
        assertThatThrownBy(() -> fixture.create(fixture.labServers().deletePolicy("update")
                .deletePolicyUpdate("status:gone")))
                .hasMessageContaining("'gone' is not a value of Server.status");
    }

    @Test
    void unknownEnumValueIsRejected() {
        assertThatThrownBy(() -> fixture.create(fixture.labServers().actionOnMultiple("merge")))
                .hasMessage("Invalid action_on_multiple 'merge': expected one of [create, error, take_first]");
    }

    @Test
    void changeKeepsRowsAndTable() {
        DataSource source = fixture.create(fixture.labServers());
        fixture.load(source, SynchroFixture.SY01);

        DataSource changed = fixture.change(source, b -> b.deletePolicy("delete").scopeClass("Person")
                .databaseTableName("other"));

        assertThat(changed.deletePolicy()).isEqualTo("delete");
        assertThat(changed.scopeClass()).isEqualTo("Server");
        assertThat(changed.databaseTableName()).isEqualTo(source.databaseTableName());
        assertThat(fixture.count("SELECT count(*) FROM " + source.databaseTableName())).isEqualTo(3);
        assertThat(fixture.replicas(source)).hasSize(3);
    }

    @Test
    void changeAddsMissingColumns() {
        DataSource source = fixture.create(fixture.labServers());
        fixture.sql("ALTER TABLE " + source.databaseTableName() + " DROP COLUMN cpu");

        fixture.change(source, b -> b.description("again"));

        assertThat(fixture.count("SELECT count(*) FROM information_schema.columns WHERE table_name = ?"
                + " AND column_name = 'cpu'", source.databaseTableName())).isEqualTo(1);
    }

    @Test
    void deletionDropsTableAndKeepsObjects() {
        DataSource source = fixture.create(fixture.labServers());
        fixture.load(source, SynchroFixture.SY01);

        fixture.sources.delete(source.id());

        assertThat(fixture.count("SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
                source.databaseTableName())).isZero();
        assertThat(fixture.count("SELECT count(*) FROM obj_synchroreplica")).isZero();
        assertThat(fixture.count("SELECT count(*) FROM obj_functionalci")).isEqualTo(3);
    }

    @Test
    void collectorDefinitionCreatesThenUpdates() {
        ensureFeedbot();
        long feedbot = new Users(fixture.database).find("feedbot").orElseThrow().id();

        DataSources.Defined first = fixture.sources.define(COLLECTOR_JSON);
        DataSources.Defined second = fixture.sources.define(COLLECTOR_JSON.replace("\"86400\"", "\"3600\""));

        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.source().id()).isEqualTo(first.source().id());
        DataSource stored = fixture.sources.find(first.source().id()).orElseThrow();
        assertThat(stored.fullLoadPeriodicity()).isEqualTo(3600);
        assertThat(stored.userId()).contains(feedbot);
        assertThat(stored.databaseTableName()).isEqualTo("synchro_data_inventory_servers");
        assertThat(stored.deletePolicyUpdate()).isEqualTo("status:obsolete");
        assertThat(stored.attribute("org_id").orElseThrow().reconciliationAttCode()).isEqualTo("code");
        assertThat(stored.attribute("serialnumber").orElseThrow().updatePolicy()).isEqualTo("master_unlocked");
        assertThat(stored.attribute("contacts_list").orElseThrow().rowSeparator()).isEqualTo("|");
        assertThat(first.warnings()).isEmpty();
        assertThat(fixture.sources.findByName("Inventory:Server")).hasSize(1);
    }

    @Test
    void definitionCannotChangeTheClass() {
        ensureFeedbot();
        DataSources.Defined first = fixture.sources.define(COLLECTOR_JSON);

        assertThatThrownBy(() -> fixture.sources.define(COLLECTOR_JSON.replace("\"scope_class\": \"Server\"",
                "\"scope_class\": \"Person\"")))
                .hasMessage("Data source 'Inventory:Server' (id " + first.source().id() + ") synchronizes the class"
                        + " Server, and a definition cannot change it to Person: give the definition another name to"
                        + " create a new source");
        assertThat(fixture.sources.find(first.source().id()).orElseThrow().scopeClass()).isEqualTo("Server");
    }

    @Test
    void definitionWithoutAnUpdatedAttributeWarns() {
        ensureFeedbot();
        fixture.sources.define(COLLECTOR_JSON);
        String withoutSerial = COLLECTOR_JSON.replace("""
                    {"attcode": "serialnumber", "update": 1, "reconcile": 0, "update_policy": "master_unlocked",
                     "finalclass": "SynchroAttribute"},
                """, "");

        DataSources.Defined again = fixture.sources.define(withoutSerial);

        assertThat(withoutSerial).doesNotContain("serialnumber");
        assertThat(again.warnings()).containsExactly(
                "Attributes updated before and absent from attribute_list are no longer updated: serialnumber");
        assertThat(again.source().attribute("serialnumber").orElseThrow().update()).isFalse();
    }

    @Test
    void definitionWithUnknownUserIsRejected() {
        assertThatThrownBy(() -> fixture.sources.define(COLLECTOR_JSON.replace("\"feedbot\"", "\"nobody-here\"")))
                .hasMessage("Invalid field 'user_id': no user 'nobody-here'");
    }

    @Test
    void definitionWithBadJsonNamesThePlace() {
        assertThatThrownBy(() -> fixture.sources.define("{\n\"name\": \"x\",\n\"scope_class\" \"Server\"}"))
                .hasMessageStartingWith("Invalid JSON in the data source definition at line 3");
    }

    @Test
    void definitionWarnsAboutUnknownKeys() {
        DataSources.Defined defined = fixture.sources.define(COLLECTOR_JSON.replace("\"url_icon\": \"\",",
                "\"url_icon\": \"\", \"colour\": \"blue\","));

        assertThat(defined.warnings()).containsExactly("Unknown field 'colour' ignored");
    }

    @Test
    void definitionFileSample() {
        DataSourceDefinition.Parsed parsed = DataSourceDefinition.parse(COLLECTOR_JSON, login -> java.util.Optional.of(9L),
                name -> java.util.Optional.empty());

        assertThat(parsed.source().userId()).contains(9L);
        assertThat(parsed.source().attributes()).extracting(SynchroAttributeDef::attCode)
                .isEqualTo(List.of("name", "org_id", "serialnumber", "contacts_list"));
    }
}
