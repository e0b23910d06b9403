package io.github.itopdata.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.model.AttributeDef;
import io.github.itopdata.core.model.AttributeType;
import io.github.itopdata.core.model.Model;
import io.github.itopdata.core.model.ModelClass;
import io.github.itopdata.core.store.ChangeOperation.Type;
import io.github.itopdata.core.testing.PostgresExtension;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class ObjectStoreTest {

    private static final ObjectStore STORE = new ObjectStore(SchemaMapping.of(TestModels.cmdb()));

    @BeforeAll
    static void createSchema(Database database) {
        StoreSchema.apply(database.jdbi(), STORE.mapping());
    }

    private static ChangeSet openChange(Database database, String comment) {
        return database.jdbi().withHandle(handle -> ChangeHistory.open(handle, "Mira Solberg, Web Service (CSV)", 7L,
                ChangeOrigin.CSV_IMPORT, comment));
    }

    @Test
    void createdObjectReadsBackWithTypes(Database database) {
        ChangeSet change = openChange(database, null);

        StoredObject server = database.jdbi().inTransaction(handle -> {
            long org = STORE.create(handle, change, "Organization", Map.of("name", "Northwind"));
            long id = STORE.create(handle, change, "Server", Map.of("name", "srv-typed", "org_id", org, "ram", "0016",
                    "cost", new BigDecimal("12.5"), "managed", true, "move2production", LocalDate.of(2024, 3, 5),
                    "last_seen", "2024-03-05 14:07:00"));
            return STORE.read(handle, "Server", id).orElseThrow();
        });

        assertThat(server.finalClass()).isEqualTo("Server");
        assertThat(server.get("ram")).isEqualTo(16);
        assertThat(server.get("cost")).isEqualTo(new BigDecimal("12.50"));
        assertThat(server.get("managed")).isEqualTo(true);
        assertThat(server.get("move2production")).isEqualTo(LocalDate.of(2024, 3, 5));
        assertThat(server.get("last_seen")).isEqualTo(LocalDateTime.of(2024, 3, 5, 14, 7));
        assertThat(server.get("business_criticity")).as("model default").isEqualTo("low");
    }

    @Test
    void parentClassReadReturnsSubclassObjects(Database database) {
        ChangeSet change = openChange(database, null);

        long id = database.jdbi().inTransaction(handle -> STORE.create(handle, change, "VirtualMachine",
                Map.of("name", "vm-poly", "cpu", 4)));

        database.jdbi().useHandle(handle -> {
            StoredObject viaParent = STORE.read(handle, "FunctionalCI", id).orElseThrow();
            assertThat(viaParent.finalClass()).isEqualTo("VirtualMachine");
            assertThat(viaParent.get("cpu")).isEqualTo(4);
            assertThat(STORE.read(handle, "Server", id)).as("sibling class").isEmpty();
        });
    }

    @Test
    void findByKeyIgnoresCaseAccentsAndTrailingSpaces(Database database) {
        ChangeSet change = openChange(database, null);
        long id = database.jdbi().inTransaction(handle -> STORE.create(handle, change, "Organization",
                Map.of("name", "Société Générale")));

        List<StoredObject> found = database.jdbi().withHandle(handle ->
                STORE.findByKey(handle, "Organization", Map.of("name", "SOCIETE generale  ")));

        assertThat(found).extracting(StoredObject::id).containsExactly(id);
    }

    @Test
    void creationIsRecordedUnderTheChangeSet(Database database) {
        ChangeSet change = openChange(database, "nightly sync");

        long id = database.jdbi().inTransaction(handle -> STORE.create(handle, change, "Organization",
                Map.of("name", "Bluefin")));

        database.jdbi().useHandle(handle -> {
            ChangeSet recorded = ChangeHistory.find(handle, change.id()).orElseThrow();
            assertThat(recorded.userInfo()).isEqualTo("Mira Solberg, Web Service (CSV)");
            assertThat(recorded.userId()).contains(7L);
            assertThat(recorded.origin()).isEqualTo(ChangeOrigin.CSV_IMPORT);
            assertThat(recorded.comment()).contains("nightly sync");
            assertThat(ChangeHistory.operationsOf(handle, List.of("Organization"), id))
                    .extracting(ChangeOperation::type, ChangeOperation::changeSetId)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Type.CREATE, change.id()));
        });
    }

    @Test
    void updateRecordsEachChangedAttribute(Database database) {
        ChangeSet first = openChange(database, null);
        long id = database.jdbi().inTransaction(handle -> STORE.create(handle, first, "Organization",
                Map.of("name", "Northwind Logistics", "code", "NWL", "status", "active")));
        ChangeSet second = openChange(database, null);

        int changed = database.jdbi().inTransaction(handle -> STORE.update(handle, second, "Organization", id,
                Map.of("name", "Northwind Logistics", "code", "NWL-2", "status", "inactive")));

        assertThat(changed).isEqualTo(2);
        List<ChangeOperation> operations = database.jdbi().withHandle(h -> ChangeHistory.operationsIn(h, second.id()));
        assertThat(operations).extracting(ChangeOperation::attCode, ChangeOperation::oldValue, ChangeOperation::newValue)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(Optional.of("code"), Optional.of("NWL"), Optional.of("NWL-2")),
                        org.assertj.core.groups.Tuple.tuple(Optional.of("status"), Optional.of("active"),
                                Optional.of("inactive")));
        assertThat(database.jdbi().withHandle(h -> STORE.read(h, "Organization", id)).orElseThrow().get("code"))
                .isEqualTo("NWL-2");
    }

    @Test
    void updateAllWritesOnlyChangedObjects(Database database) {
        ChangeSet first = openChange(database, null);
        long[] ids = database.jdbi().inTransaction(handle -> new long[] {
            STORE.create(handle, first, "Server", Map.of("name", "srv-many-1", "ram", 8, "cost", "12.50")),
            STORE.create(handle, first, "Server", Map.of("name", "srv-many-2", "ram", 16, "cost", "12.50")),
            STORE.create(handle, first, "VirtualMachine", Map.of("name", "vm-many", "cpu", 2))});
        ChangeSet second = openChange(database, null);

        Map<Long, Integer> changes = database.jdbi().inTransaction(handle -> STORE.updateAll(handle, second, "Server",
                List.of(ids[0], ids[1], ids[2], 999_999L), Map.of("ram", "016", "cost", "12.5")));

        assertThat(changes).as("servers only, by id").containsOnly(entry(ids[0], 1), entry(ids[1], 0));
        List<ChangeOperation> operations = database.jdbi().withHandle(h -> ChangeHistory.operationsIn(h, second.id()));
        assertThat(operations).extracting(ChangeOperation::objectId, ChangeOperation::attCode, ChangeOperation::oldValue,
                ChangeOperation::newValue).containsExactly(org.assertj.core.groups.Tuple.tuple(ids[0],
                        Optional.of("ram"), Optional.of("8"), Optional.of("16")));
        assertThat(database.jdbi().withHandle(h -> STORE.read(h, "Server", ids[0])).orElseThrow().get("ram"))
                .isEqualTo(16);
    }

    @Test
    void unchangedUpdateAllWritesNoHistory(Database database) {
        ChangeSet first = openChange(database, null);
        long id = database.jdbi().inTransaction(handle -> STORE.create(handle, first, "Server",
                Map.of("name", "srv-many-same", "ram", 7)));
        ChangeSet second = openChange(database, null);

        Map<Long, Integer> changes = database.jdbi().inTransaction(handle -> STORE.updateAll(handle, second, "Server",
                List.of(id), Map.of("ram", "007")));

        assertThat(changes).containsOnly(entry(id, 0));
        Optional<ChangeSet> written = database.jdbi().withHandle(handle -> ChangeHistory.find(handle, second.id()));
        assertThat(written).as("no change set written").isEmpty();
    }

    @Test
    void unchangedUpdateWritesNoHistory(Database database) {
        ChangeSet first = openChange(database, null);
        long id = database.jdbi().inTransaction(handle -> STORE.create(handle, first, "Server",
                Map.of("name", "srv-same", "ram", 7, "cost", "12.50")));
        ChangeSet second = openChange(database, null);

        int changed = database.jdbi().inTransaction(handle -> STORE.update(handle, second, "Server", id,
                Map.of("name", "srv-same", "ram", "007", "cost", "12.5")));

        assertThat(changed).isZero();
        database.jdbi().useHandle(handle -> {
            assertThat(ChangeHistory.find(handle, second.id())).as("no change set written").isEmpty();
            assertThat(ChangeHistory.operationsIn(handle, second.id())).isEmpty();
        });
    }

    @Test
    void caseOnlyDifferenceIsAChange(Database database) {
        ChangeSet first = openChange(database, null);
        long id = database.jdbi().inTransaction(handle -> STORE.create(handle, first, "Organization",
                Map.of("name", "atlas")));

        int changed = database.jdbi().inTransaction(handle -> STORE.update(handle, openChange(database, null),
                "Organization", id, Map.of("name", "Atlas")));

        assertThat(changed).isEqualTo(1);
    }

    @Test
    void deleteRecordsTheDeletion(Database database) {
        ChangeSet change = openChange(database, null);
        long id = database.jdbi().inTransaction(handle -> STORE.create(handle, change, "Server", Map.of("name", "srv-del")));

        boolean deleted = database.jdbi().inTransaction(handle -> STORE.delete(handle, change, "FunctionalCI", id));

        assertThat(deleted).isTrue();
        database.jdbi().useHandle(handle -> {
            assertThat(STORE.read(handle, "Server", id)).isEmpty();
            assertThat(ChangeHistory.operationsOf(handle, List.of("Server"), id)).extracting(ChangeOperation::type)
                    .containsExactly(Type.CREATE, Type.DELETE);
        });
    }

    @Test
    void rolledBackWriteLeavesNoChangeSet(Database database) {
        ChangeSet change = openChange(database, null);

        database.jdbi().useHandle(handle -> {
            handle.begin();
            STORE.create(handle, change, "Organization", Map.of("name", "Simulated"));
            handle.rollback();
        });

        database.jdbi().useHandle(handle -> {
            assertThat(ChangeHistory.find(handle, change.id())).isEmpty();
            assertThat(STORE.findByKey(handle, "Organization", Map.of("name", "Simulated"))).isEmpty();
        });
    }

    @Test
    void emptyAndZeroDefaultsMeanNone() {
        ObjectStore store = new ObjectStore(SchemaMapping.of(TestModels.builder()
                .add("Organization", null, false, List.of("name"), "name:STRING")
                .build()));
        Model model = new Model(List.of(
                ModelClass.builder("Rack").allAttributes(List.of(
                        AttributeDef.builder("nb_u", AttributeType.INTEGER)
                                .definingClass("Rack").defaultValue("").build(),
                        AttributeDef.builder("parent_id",
                                AttributeType.HIERARCHICAL_KEY)
                                .definingClass("Rack").targetClass("Rack").defaultValue("0").build(),
                        AttributeDef.builder("weight", AttributeType.INTEGER)
                                .definingClass("Rack").defaultValue("12").build()))
                        .ownAttributes(List.of()).build()));
        ObjectStore rackStore = new ObjectStore(SchemaMapping.of(model));

        Map<String, Object> defaults = rackStore.defaults(rackStore.mapping().table("Rack"));

        assertThat(defaults).containsExactly(entry("weight", "12"));
        assertThat(store.defaults(store.mapping().table("Organization"))).isEmpty();
    }

    @Test
    void abstractClassCannotBeCreated(Database database) {
        ChangeSet change = openChange(database, null);

        assertThatThrownBy(() -> database.jdbi().useHandle(handle ->
                STORE.create(handle, change, "FunctionalCI", Map.of("name", "x"))))
                .hasMessage("Cannot create an object of the abstract class 'FunctionalCI'");
    }

    @Test
    void userInfoLongerThan255IsRejected() {
        assertThatThrownBy(() -> new ChangeSet(1, LocalDateTime.now(), "x".repeat(256), Optional.empty(),
                ChangeOrigin.SYNCHRO, Optional.empty()))
                .hasMessageContaining("256 characters long, at most 255 allowed");
    }
}
