package io.github.itopdata.core.store;

import static io.github.itopdata.core.store.StoreWrites.create;
import static io.github.itopdata.core.store.StoreWrites.exists;
import static io.github.itopdata.core.store.StoreWrites.openChange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.model.DefaultModel;
import io.github.itopdata.core.store.ChangeOperation.Type;
import io.github.itopdata.core.store.DeletionPlan.Deletion;
import io.github.itopdata.core.testing.PostgresExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The deletion rules of the default data model, applied by {@link ObjectStore#deleteAll}. */
@ExtendWith(PostgresExtension.class)
class DeletionRulesTest {

    private static final Logger LOG = LoggerFactory.getLogger(DeletionRulesTest.class);
    private static final ObjectStore STORE = new ObjectStore(SchemaMapping.of(DefaultModel.load()));

    @BeforeAll
    static void createSchema(Database database) {
        StoreSchema.apply(database.jdbi(), STORE.mapping());
    }

    private static List<ChangeOperation> operations(Database database, ChangeSet change) {
        return database.jdbi().withHandle(handle -> ChangeHistory.operationsIn(handle, change.id()));
    }

    @Test
    void serverDeletionDeletesItsContactLinks(Database database) {
        long org = create(database, STORE, "Organization", Map.of("name", "Links Org"));
        long person = create(database, STORE, "Person", Map.of("name", "Hopper", "first_name", "Grace", "org_id", org));
        long server = create(database, STORE, "Server", Map.of("name", "srv-links", "org_id", org));
        long otherServer = create(database, STORE, "Server", Map.of("name", "srv-links-kept", "org_id", org));
        long link = create(database, STORE, "lnkContactToFunctionalCI", Map.of("functionalci_id", server, "contact_id", person));
        long otherLink = create(database, STORE, "lnkContactToFunctionalCI",
                Map.of("functionalci_id", otherServer, "contact_id", person));
        ChangeSet change = openChange(database);

        int deleted = database.jdbi().inTransaction(handle -> STORE.deleteAll(handle, change, "Server", List.of(server)));

        assertThat(deleted).as("requested objects deleted").isEqualTo(1);
        assertThat(exists(database, STORE, "Server", server)).isFalse();
        assertThat(exists(database, STORE, "lnkContactToFunctionalCI", link)).isFalse();
        assertThat(exists(database, STORE, "lnkContactToFunctionalCI", otherLink)).isTrue();
        assertThat(exists(database, STORE, "Person", person)).isTrue();
        assertThat(operations(database, change))
                .extracting(ChangeOperation::objectClass, ChangeOperation::objectId, ChangeOperation::type)
                .containsExactly(tuple("lnkContactToFunctionalCI", link, Type.DELETE), tuple("Server", server, Type.DELETE));
    }

    @Test
    void contactDeletionDeletesPersonLinks(Database database) {
        long org = create(database, STORE, "Organization", Map.of("name", "Contact Org"));
        long person = create(database, STORE, "Person", Map.of("name", "Lovelace", "first_name", "Ada", "org_id", org));
        long server = create(database, STORE, "Server", Map.of("name", "srv-contact", "org_id", org));
        long link = create(database, STORE, "lnkContactToFunctionalCI", Map.of("functionalci_id", server, "contact_id", person));
        ChangeSet change = openChange(database);

        database.jdbi().useTransaction(handle -> STORE.delete(handle, change, "Contact", person));

        assertThat(exists(database, STORE, "Person", person)).isFalse();
        assertThat(exists(database, STORE, "lnkContactToFunctionalCI", link)).isFalse();
        assertThat(exists(database, STORE, "Server", server)).isTrue();
    }

    @Test
    void cascadeContinuesThroughSeveralLevels(Database database) {
        long org = create(database, STORE, "Organization", Map.of("name", "Depth Org"));
        long software = create(database, STORE, "Software", Map.of("name", "Depth Soft", "version", "1"));
        long patch = create(database, STORE, "SoftwarePatch", Map.of("name", "Depth Patch", "software_id", software));
        long server = create(database, STORE, "Server", Map.of("name", "srv-depth", "org_id", org));
        long instance = create(database, STORE, "OtherSoftware", Map.of("name", "depth-app", "org_id", org,
                "system_id", server, "software_id", software));
        long link = create(database, STORE, "lnkSoftwareInstanceToSoftwarePatch",
                Map.of("softwareinstance_id", instance, "softwarepatch_id", patch));

        DeletionPlan plan = database.jdbi().inTransaction(handle -> STORE.planDeletion(handle, "Server", List.of(server)));

        assertThat(plan.isAllowed()).isTrue();
        assertThat(plan.deletions()).containsExactly(new Deletion("Server", server, 0),
                new Deletion("OtherSoftware", instance, 1), new Deletion("lnkSoftwareInstanceToSoftwarePatch", link, 2));
        assertThat(exists(database, STORE, "OtherSoftware", instance)).as("planning writes nothing").isTrue();

        ChangeSet change = openChange(database);
        database.jdbi().useTransaction(handle -> STORE.delete(handle, change, "Server", server));

        assertThat(exists(database, STORE, "OtherSoftware", instance)).isFalse();
        assertThat(exists(database, STORE, "lnkSoftwareInstanceToSoftwarePatch", link)).isFalse();
        assertThat(exists(database, STORE, "SoftwarePatch", patch)).isTrue();
        assertThat(operations(database, change)).extracting(ChangeOperation::objectId)
                .containsExactly(link, instance, server);
    }

    @Test
    void nullableManualKeyIsResetAndRecorded(Database database) {
        long parent = create(database, STORE, "Organization", Map.of("name", "Parent Org"));
        long child = create(database, STORE, "Organization", Map.of("name", "Child Org", "parent_id", parent));
        ChangeSet change = openChange(database);

        database.jdbi().useTransaction(handle -> STORE.delete(handle, change, "Organization", parent));

        StoredObject childAfter = database.jdbi().withHandle(handle -> STORE.read(handle, "Organization", child))
                .orElseThrow();
        assertThat(childAfter.get("parent_id")).isNull();
        assertThat(operations(database, change))
                .extracting(ChangeOperation::objectId, ChangeOperation::type, ChangeOperation::attCode,
                        ChangeOperation::oldValue, ChangeOperation::newValue)
                .containsExactly(
                        tuple(child, Type.UPDATE, Optional.of("parent_id"),
                                Optional.of(Long.toString(parent)), Optional.empty()),
                        tuple(parent, Type.DELETE, Optional.empty(), Optional.empty(),
                                Optional.empty()));
    }

    @Test
    void nullableAutoKeyIsResetNotDeleted(Database database) {
        long org = create(database, STORE, "Organization", Map.of("name", "Hypervisor Org"));
        long server = create(database, STORE, "Server", Map.of("name", "srv-hyper", "org_id", org));
        long hypervisor = create(database, STORE, "Hypervisor", Map.of("name", "hv-01", "org_id", org, "server_id", server));
        ChangeSet change = openChange(database);

        database.jdbi().useTransaction(handle -> STORE.delete(handle, change, "Server", server));

        StoredObject hypervisorAfter = database.jdbi().withHandle(handle -> STORE.read(handle, "Hypervisor", hypervisor))
                .orElseThrow();
        assertThat(hypervisorAfter.get("server_id")).isNull();
    }

    @Test
    void mandatoryManualKeyRejectsDeletion(Database database) {
        long org = create(database, STORE, "Organization", Map.of("name", "Blocked Org"));
        long person = create(database, STORE, "Person", Map.of("name", "Curie", "first_name", "Marie", "org_id", org));
        long child = create(database, STORE, "Organization", Map.of("name", "Blocked Child", "parent_id", org));
        ChangeSet change = openChange(database);

        database.jdbi().useTransaction(handle -> {
            DeletionRejectedException rejection = catchThrowableOfType(
                    () -> STORE.delete(handle, change, "Organization", org), DeletionRejectedException.class);

            assertThat(rejection).isNotNull();
            assertThat(rejection.getMessage()).isEqualTo("Organization::" + org + " is referenced by Person::" + person
                    + " (Marie Curie) through org_id, a mandatory key with DEL_MANUAL. Change or delete Person::"
                    + person + " first.");
            assertThat(rejection.plan().blockers()).hasSize(1);
            assertThat(STORE.read(handle, "Organization", org)).as("in the same transaction").isPresent();
            assertThat(STORE.read(handle, "Organization", child).orElseThrow().get("parent_id")).isEqualTo(org);
            assertThat(ChangeHistory.operationsIn(handle, change.id())).isEmpty();
        });
        assertThat(exists(database, STORE, "Organization", org)).isTrue();
    }

    @Test
    void blockerBelowCascadeRejectsDeletion(Database database) {
        long org = create(database, STORE, "Organization", Map.of("name", "Schema Org"));
        long server = create(database, STORE, "Server", Map.of("name", "srv-db", "org_id", org));
        long dbServer = create(database, STORE, "DBServer", Map.of("name", "pg-main", "org_id", org, "system_id", server));
        long schema = create(database, STORE, "DatabaseSchema", Map.of("name", "billing", "org_id", org, "dbserver_id", dbServer));
        ChangeSet change = openChange(database);

        assertThatThrownBy(() -> database.jdbi().useTransaction(handle -> STORE.delete(handle, change, "Server", server)))
                .isInstanceOf(DeletionRejectedException.class)
                .hasMessage("DBServer::" + dbServer + " is referenced by DatabaseSchema::" + schema
                        + " (billing) through dbserver_id, a mandatory key with DEL_MANUAL. Change or delete"
                        + " DatabaseSchema::" + schema + " first.");

        assertThat(exists(database, STORE, "Server", server)).isTrue();
        assertThat(exists(database, STORE, "DBServer", dbServer)).isTrue();
    }

    @Test
    void blockerDeletedInSameCallDoesNotReject(Database database) {
        long org = create(database, STORE, "Organization", Map.of("name", "Together Org"));
        long server = create(database, STORE, "Server", Map.of("name", "srv-together", "org_id", org));
        long dbServer = create(database, STORE, "DBServer", Map.of("name", "pg-together", "org_id", org, "system_id", server));
        long schema = create(database, STORE, "DatabaseSchema", Map.of("name", "ledger", "org_id", org,
                "dbserver_id", dbServer));
        ChangeSet change = openChange(database);

        int deleted = database.jdbi().inTransaction(handle -> STORE.deleteAll(handle, change, "FunctionalCI",
                List.of(server, schema)));

        assertThat(deleted).isEqualTo(2);
        assertThat(exists(database, STORE, "DBServer", dbServer)).isFalse();
        assertThat(exists(database, STORE, "DatabaseSchema", schema)).isFalse();
    }

    @Test
    void deleteAllowedKeepsOnlyBlockedObjects(Database database) {
        long blocked = create(database, STORE, "Organization", Map.of("name", "Kept Org"));
        long free = create(database, STORE, "Organization", Map.of("name", "Free Org"));
        long freeChild = create(database, STORE, "Organization", Map.of("name", "Free Child", "parent_id", free));
        long person = create(database, STORE, "Person", Map.of("name", "Noether", "first_name", "Emmy", "org_id", blocked));
        ChangeSet change = openChange(database);

        Map<Long, String> rejected = database.jdbi().inTransaction(handle -> STORE.deleteAllowed(handle, change,
                "Organization", List.of(blocked, free)));

        assertThat(rejected).containsOnlyKeys(blocked);
        assertThat(rejected.get(blocked)).isEqualTo("Organization::" + blocked + " is referenced by Person::" + person
                + " (Emmy Noether) through org_id, a mandatory key with DEL_MANUAL. Change or delete Person::" + person
                + " first.");
        assertThat(exists(database, STORE, "Organization", blocked)).isTrue();
        assertThat(exists(database, STORE, "Organization", free)).isFalse();
        StoredObject childAfter = database.jdbi().withHandle(handle -> STORE.read(handle, "Organization", freeChild))
                .orElseThrow();
        assertThat(childAfter.get("parent_id")).isNull();
    }

    @Test
    void manyServersWithLinksDeletedInOneCall(Database database) {
        int servers = 3000;
        long org = create(database, STORE, "Organization", Map.of("name", "Bulk Org"));
        long person = create(database, STORE, "Person", Map.of("name", "Turing", "first_name", "Alan", "org_id", org));
        List<Long> ids = database.jdbi().withHandle(handle -> handle.createQuery("INSERT INTO obj_functionalci"
                        + " (finalclass, name, org_id) SELECT 'Server', 'bulk-' || n, :org FROM generate_series(1, :count) n"
                        + " RETURNING id")
                .bind("org", org).bind("count", servers).mapTo(Long.class).list());
        database.jdbi().useHandle(handle -> handle.createUpdate("INSERT INTO obj_lnkcontacttofunctionalci"
                        + " (finalclass, functionalci_id, contact_id) SELECT 'lnkContactToFunctionalCI', s.id, :person"
                        + " FROM obj_functionalci s CROSS JOIN generate_series(1, 2) WHERE s.id = ANY(:ids)")
                .bind("person", person).bind("ids", ids.toArray(new Long[0])).execute());
        ChangeSet change = openChange(database);

        long started = System.nanoTime();
        int deleted = database.jdbi().inTransaction(handle -> STORE.deleteAll(handle, change, "Server", ids));
        LOG.info("Deleted {} servers and {} links in {} ms", servers, 2 * servers, (System.nanoTime() - started) / 1_000_000);

        assertThat(deleted).isEqualTo(servers);
        long links = database.jdbi().withHandle(handle -> handle.createQuery("SELECT count(*) FROM"
                + " obj_lnkcontacttofunctionalci WHERE contact_id = :person").bind("person", person)
                .mapTo(Long.class).one());
        assertThat(links).isZero();
        assertThat(operations(database, change)).filteredOn(op -> op.type() == Type.DELETE).hasSize(3 * servers);
        assertThat(exists(database, STORE, "Person", person)).isTrue();
    }

    @Test
    void rejectionListsAtMostFiftyReasons(Database database) {
        long org = create(database, STORE, "Organization", Map.of("name", "Crowded Org"));
        database.jdbi().useHandle(handle -> handle.createUpdate("INSERT INTO obj_contact (finalclass, name, org_id)"
                + " SELECT 'Person', 'member-' || n, :org FROM generate_series(1, 60) n").bind("org", org).execute());
        ChangeSet change = openChange(database);

        DeletionRejectedException rejection = catchThrowableOfType(() -> database.jdbi().useTransaction(handle ->
                STORE.delete(handle, change, "Organization", org)), DeletionRejectedException.class);

        List<String> lines = List.of(rejection.getMessage().split("\n"));
        assertThat(rejection.plan().blockers()).hasSize(60);
        assertThat(lines).hasSize(DeletionPlan.MAX_LISTED_REASONS + 1);
        assertThat(lines.get(DeletionPlan.MAX_LISTED_REASONS)).isEqualTo("... and 10 more references of the same kind.");
    }

    @Test
    void unknownIdsDeleteNothing(Database database) {
        ChangeSet change = openChange(database);

        int deleted = database.jdbi().inTransaction(handle -> STORE.deleteAll(handle, change, "Server",
                new ArrayList<>(List.of(987_654L))));

        assertThat(deleted).isZero();
        assertThat(operations(database, change)).isEmpty();
    }
}
