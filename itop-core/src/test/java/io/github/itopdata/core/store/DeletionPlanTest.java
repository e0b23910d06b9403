package io.github.itopdata.core.store;

import static io.github.itopdata.core.store.StoreWrites.create;
import static io.github.itopdata.core.store.StoreWrites.exists;
import static io.github.itopdata.core.store.StoreWrites.openChange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.store.ChangeOperation.Type;
import io.github.itopdata.core.store.DeletionPlan.Deletion;
import io.github.itopdata.core.testing.PostgresExtension;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Deletion plans on a small model built for the edge cases: cycles, trees, keys without a rule. */
@ExtendWith(PostgresExtension.class)
class DeletionPlanTest {

    private static final ObjectStore STORE = new ObjectStore(SchemaMapping.of(TestModels.builder()
            .add("Site", null, false, List.of("name"), "name:STRING",
                    "parent_id:HIERARCHICAL_KEY:Site:DEL_AUTO:mandatory")
            .add("Rack", null, false, List.of("name"), "name:STRING", "site_id:EXTERNAL_KEY:Site:DEL_AUTO:mandatory")
            .add("Cable", null, false, List.of("name"), "name:STRING", "site_id:EXTERNAL_KEY:Site:DEL_MANUAL")
            .add("Door", null, false, List.of("name"), "name:STRING", "site_id:EXTERNAL_KEY:Site:DEL_AUTO:nullable")
            .add("Badge", null, false, List.of("name"), "name:STRING", "site_id:EXTERNAL_KEY:Site:-:mandatory")
            .add("Alpha", null, false, List.of("name"), "name:STRING", "beta_id:EXTERNAL_KEY:Beta:DEL_AUTO:mandatory")
            .add("Beta", null, false, List.of("name"), "name:STRING", "alpha_id:EXTERNAL_KEY:Alpha:DEL_SILENT:mandatory")
            .add("Route", null, false, List.of("name"), "name:STRING", "from_id:EXTERNAL_KEY:Site:DEL_AUTO:mandatory",
                    "to_id:EXTERNAL_KEY:Site:DEL_AUTO:mandatory")
            .add("Zone", null, false, List.of("name"), "name:STRING", "parent_id:HIERARCHICAL_KEY:Zone:DEL_MOVEUP")
            .add("Permit", null, false, List.of("name"), "name:STRING", "route_id:EXTERNAL_KEY:Route:DEL_MANUAL:mandatory")
            .build()));

    @BeforeAll
    static void createSchema(Database database) {
        StoreSchema.apply(database.jdbi(), STORE.mapping());
    }

    @Test
    void cycleOfAutoKeysDeletesEachOnce(Database database) {
        long alpha = create(database, STORE, "Alpha", Map.of("name", "alpha-1"));
        long beta = create(database, STORE, "Beta", Map.of("name", "beta-1", "alpha_id", alpha));
        database.jdbi().useHandle(handle -> handle.execute("UPDATE obj_alpha SET beta_id = ? WHERE id = ?", beta, alpha));
        ChangeSet change = openChange(database);

        database.jdbi().useTransaction(handle -> STORE.delete(handle, change, "Alpha", alpha));

        assertThat(exists(database, STORE, "Alpha", alpha)).isFalse();
        assertThat(exists(database, STORE, "Beta", beta)).isFalse();
        List<ChangeOperation> operations = database.jdbi().withHandle(handle ->
                ChangeHistory.operationsIn(handle, change.id()));
        assertThat(operations).extracting(ChangeOperation::objectClass, ChangeOperation::type)
                .containsExactly(tuple("Beta", Type.DELETE),
                        tuple("Alpha", Type.DELETE));
    }

    @Test
    void hierarchicalAutoKeyDeletesSubtree(Database database) {
        long root = create(database, STORE, "Site", Map.of("name", "campus"));
        long building = create(database, STORE, "Site", Map.of("name", "building", "parent_id", root));
        long floor = create(database, STORE, "Site", Map.of("name", "floor", "parent_id", building));
        long rack = create(database, STORE, "Rack", Map.of("name", "rack-7", "site_id", floor));
        long otherSite = create(database, STORE, "Site", Map.of("name", "annex"));

        DeletionPlan plan = database.jdbi().inTransaction(handle -> STORE.planDeletion(handle, "Site", List.of(root)));

        assertThat(plan.deletions()).containsExactly(new Deletion("Site", root, 0), new Deletion("Site", building, 1),
                new Deletion("Site", floor, 2), new Deletion("Rack", rack, 3));
        ChangeSet change = openChange(database);
        database.jdbi().useTransaction(handle -> STORE.delete(handle, change, "Site", root));
        assertThat(exists(database, STORE, "Site", floor)).isFalse();
        assertThat(exists(database, STORE, "Rack", rack)).isFalse();
        assertThat(exists(database, STORE, "Site", otherSite)).isTrue();
    }

    @Test
    void mandatoryKeyWithoutRuleRejectsDeletion(Database database) {
        long site = create(database, STORE, "Site", Map.of("name", "guarded"));
        long badge = create(database, STORE, "Badge", Map.of("name", "badge-9", "site_id", site));
        ChangeSet change = openChange(database);

        assertThatThrownBy(() -> database.jdbi().useTransaction(handle -> STORE.delete(handle, change, "Site", site)))
                .isInstanceOf(DeletionRejectedException.class)
                .hasMessage("Site::" + site + " is referenced by Badge::" + badge + " (badge-9) through site_id, a"
                        + " mandatory key with DEL_MANUAL. Change or delete Badge::" + badge + " first.");
        assertThat(exists(database, STORE, "Site", site)).isTrue();
    }

    @Test
    void sameKeyInTwoTablesResetsBoth(Database database) {
        long site = create(database, STORE, "Site", Map.of("name", "shared"));
        long cable = create(database, STORE, "Cable", Map.of("name", "cable-1", "site_id", site));
        long door = create(database, STORE, "Door", Map.of("name", "door-1", "site_id", site));
        ChangeSet change = openChange(database);

        DeletionPlan plan = database.jdbi().inTransaction(handle -> STORE.planDeletion(handle, "Site", List.of(site)));
        database.jdbi().useTransaction(handle -> STORE.delete(handle, change, "Site", site));

        assertThat(plan.resets()).extracting(DeletionPlan.KeyReset::className).containsExactlyInAnyOrder("Cable", "Door");
        assertThat(database.jdbi().withHandle(handle -> STORE.read(handle, "Cable", cable)).orElseThrow().get("site_id"))
                .isNull();
        assertThat(database.jdbi().withHandle(handle -> STORE.read(handle, "Door", door)).orElseThrow().get("site_id"))
                .isNull();
    }

    @Test
    void deleteAllowedKeepsEveryObjectLeadingToBlocker(Database database) {
        long from = create(database, STORE, "Site", Map.of("name", "dock"));
        long to = create(database, STORE, "Site", Map.of("name", "yard"));
        long alone = create(database, STORE, "Site", Map.of("name", "shed"));
        long route = create(database, STORE, "Route", Map.of("name", "dock-yard", "from_id", from, "to_id", to));
        long permit = create(database, STORE, "Permit", Map.of("name", "permit-3", "route_id", route));
        ChangeSet change = openChange(database);

        Map<Long, String> rejected = database.jdbi().inTransaction(handle -> STORE.deleteAllowed(handle, change, "Site",
                List.of(from, to, alone)));

        assertThat(rejected).containsOnlyKeys(from, to);
        assertThat(rejected.get(to)).isEqualTo("Route::" + route + " is referenced by Permit::" + permit
                + " (permit-3) through route_id, a mandatory key with DEL_MANUAL. Change or delete Permit::" + permit
                + " first.");
        assertThat(exists(database, STORE, "Site", from)).isTrue();
        assertThat(exists(database, STORE, "Site", to)).isTrue();
        assertThat(exists(database, STORE, "Route", route)).isTrue();
        assertThat(exists(database, STORE, "Site", alone)).isFalse();
    }

    @Test
    void moveUpKeyTakesNearestKeptAncestor(Database database) {
        long world = create(database, STORE, "Zone", Map.of("name", "world"));
        long region = create(database, STORE, "Zone", Map.of("name", "region", "parent_id", world));
        long country = create(database, STORE, "Zone", Map.of("name", "country", "parent_id", region));
        long city = create(database, STORE, "Zone", Map.of("name", "city", "parent_id", country));
        long district = create(database, STORE, "Zone", Map.of("name", "district", "parent_id", region));
        ChangeSet change = openChange(database);

        database.jdbi().useTransaction(handle -> STORE.deleteAll(handle, change, "Zone", List.of(region, country)));

        assertThat(database.jdbi().withHandle(handle -> STORE.read(handle, "Zone", city)).orElseThrow().get("parent_id"))
                .as("child of a deleted zone whose parent is deleted too").isEqualTo(world);
        assertThat(database.jdbi().withHandle(handle -> STORE.read(handle, "Zone", district)).orElseThrow()
                .get("parent_id")).isEqualTo(world);
        List<ChangeOperation> updates = database.jdbi().withHandle(handle ->
                ChangeHistory.operationsIn(handle, change.id())).stream().filter(op -> op.type() == Type.UPDATE).toList();
        assertThat(updates).extracting(ChangeOperation::objectId, ChangeOperation::oldValue, ChangeOperation::newValue)
                .containsExactlyInAnyOrder(
                        tuple(city, Optional.of(Long.toString(country)), Optional.of(Long.toString(world))),
                        tuple(district, Optional.of(Long.toString(region)), Optional.of(Long.toString(world))));
    }

    @Test
    void moveUpKeyBelowDeletedRootIsReset(Database database) {
        long top = create(database, STORE, "Zone", Map.of("name", "top"));
        long below = create(database, STORE, "Zone", Map.of("name", "below", "parent_id", top));
        ChangeSet change = openChange(database);

        database.jdbi().useTransaction(handle -> STORE.delete(handle, change, "Zone", top));

        assertThat(database.jdbi().withHandle(handle -> STORE.read(handle, "Zone", below)).orElseThrow()
                .get("parent_id")).isNull();
    }
}
