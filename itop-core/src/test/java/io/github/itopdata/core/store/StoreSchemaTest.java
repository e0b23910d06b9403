package io.github.itopdata.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.testing.PostgresExtension;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

class StoreSchemaTest {

    @Test
    void tablesAreCreatedForEachHierarchy() {
        try (Database database = PostgresExtension.openFreshDatabase("schema_create")) {
            SchemaMapping mapping = SchemaMapping.of(TestModels.cmdb());

            SchemaChanges changes = StoreSchema.apply(database.jdbi(), mapping);

            assertThat(changes.actions()).contains("created table obj_functionalci for FunctionalCI",
                    "created index obj_functionalci_fold_name");
            assertThat(columnTypes(database, "obj_functionalci")).containsEntry("id", "bigint")
                    .containsEntry("finalclass", "text").containsEntry("cpu_text", "text")
                    .containsEntry("cpu_integer", "integer").containsEntry("cost", "numeric(10,2)")
                    .doesNotContainKey("organization_name");
            assertThat(StoreSchema.storedFingerprint(database.jdbi())).contains(mapping.fingerprint());
        }
    }

    @Test
    void applyingTheSameModelTwiceChangesNothing() {
        try (Database database = PostgresExtension.openFreshDatabase("schema_twice")) {
            StoreSchema.apply(database.jdbi(), SchemaMapping.of(TestModels.cmdb()));

            SchemaChanges again = StoreSchema.apply(database.jdbi(), SchemaMapping.of(TestModels.cmdb()));

            assertThat(again.isEmpty()).isTrue();
        }
    }

    @Test
    void grownModelAddsTablesAndColumnsKeepingData() {
        try (Database database = PostgresExtension.openFreshDatabase("schema_grow")) {
            Model1 first = new Model1();
            StoreSchema.apply(database.jdbi(), SchemaMapping.of(first.model));
            database.jdbi().useHandle(handle -> handle.execute(
                    "INSERT INTO obj_functionalci (finalclass, name, cpu) VALUES ('Server', 'srv-1', '4 cores')"));

            SchemaChanges changes = StoreSchema.apply(database.jdbi(), SchemaMapping.of(TestModels.cmdb()));

            assertThat(changes.actions()).contains(
                    "renamed column obj_functionalci.cpu to cpu_text",
                    "added column obj_functionalci.cpu_integer integer",
                    "added column obj_functionalci.ram integer",
                    "created table obj_lnkcontacttofunctionalci for lnkContactToFunctionalCI");
            String kept = database.jdbi().withHandle(handle -> handle
                    .createQuery("SELECT name || '/' || cpu_text FROM obj_functionalci").mapTo(String.class).one());
            assertThat(kept).isEqualTo("srv-1/4 cores");
        }
    }

    @Test
    void attributesLeavingTheModelKeepTheirColumn() {
        try (Database database = PostgresExtension.openFreshDatabase("schema_shrink")) {
            StoreSchema.apply(database.jdbi(), SchemaMapping.of(TestModels.cmdb()));

            StoreSchema.apply(database.jdbi(), SchemaMapping.of(new Model1().model));

            assertThat(columnTypes(database, "obj_functionalci")).containsKeys("cpu_text", "cpu_integer", "ram");
        }
    }

    @Test
    void lossyTypeChangeIsRejected() {
        try (Database database = PostgresExtension.openFreshDatabase("schema_lossy")) {
            StoreSchema.apply(database.jdbi(), SchemaMapping.of(TestModels.builder()
                    .add("Organization", null, false, List.of("name"), "name:STRING", "size:STRING").build()));

            assertThatThrownBy(() -> StoreSchema.apply(database.jdbi(), SchemaMapping.of(TestModels.builder()
                    .add("Organization", null, false, List.of("name"), "name:STRING", "size:INTEGER").build())))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("Column obj_organization.size contains text values but attribute 'size' now"
                            + " needs integer");
        }
    }

    @Test
    void safeTypeChangeWidensTheColumn() {
        try (Database database = PostgresExtension.openFreshDatabase("schema_widen")) {
            StoreSchema.apply(database.jdbi(), SchemaMapping.of(TestModels.builder()
                    .add("Organization", null, false, List.of("name"), "name:STRING", "size:INTEGER").build()));
            database.jdbi().useHandle(handle -> handle.execute(
                    "INSERT INTO obj_organization (finalclass, name, size) VALUES ('Organization', 'a', 12)"));

            SchemaChanges changes = StoreSchema.apply(database.jdbi(), SchemaMapping.of(TestModels.builder()
                    .add("Organization", null, false, List.of("name"), "name:STRING", "size:STRING").build()));

            assertThat(changes.actions()).containsExactly("widened column obj_organization.size from integer to text");
            String kept = database.jdbi().withHandle(handle -> handle
                    .createQuery("SELECT size FROM obj_organization").mapTo(String.class).one());
            assertThat(kept).isEqualTo("12");
        }
    }

    @Test
    void foldIndexIsAddedOnRequest() {
        try (Database database = PostgresExtension.openFreshDatabase("schema_fold")) {
            SchemaMapping mapping = SchemaMapping.of(TestModels.cmdb());
            StoreSchema.apply(database.jdbi(), mapping);
            ClassTable organization = mapping.table("Organization");

            boolean created = database.jdbi().inTransaction(h -> StoreSchema.ensureFoldIndex(h, organization, "code"));
            boolean again = database.jdbi().inTransaction(h -> StoreSchema.ensureFoldIndex(h, organization, "code"));

            assertThat(created).isTrue();
            assertThat(again).isFalse();
            assertThatThrownBy(() -> database.jdbi().useHandle(h ->
                    StoreSchema.ensureFoldIndex(h, organization, "parent_id")))
                    .hasMessageContaining("is bigint, not text");
        }
    }

    @Test
    void wideningRulesKeepEveryValue() {
        assertThat(StoreSchema.canWiden("integer", "bigint")).isTrue();
        assertThat(StoreSchema.canWiden("numeric(10,2)", "numeric(12,2)")).isTrue();
        assertThat(StoreSchema.canWiden("numeric(10,2)", "numeric(10,3)")).isFalse();
        assertThat(StoreSchema.canWiden("date", "timestamp")).isFalse();
        assertThat(StoreSchema.canWiden("bytea", "text")).isFalse();
        assertThat(StoreSchema.canWiden("boolean", "text")).isTrue();
    }

    /** The CMDB model before VirtualMachine, the Server attributes ram to last_seen and the link class. */
    private static final class Model1 {
        final io.github.itopdata.core.model.Model model = TestModels.builder()
                .add("Organization", null, false, List.of("name"),
                        "name:STRING", "code:STRING", "status:ENUM", "parent_id:HIERARCHICAL_KEY:Organization")
                .add("FunctionalCI", null, true, List.of("name", "org_id"),
                        "name:STRING", "org_id:EXTERNAL_KEY:Organization", "finalclass:FINAL_CLASS")
                .add("Server", "FunctionalCI", false, List.of("name", "org_id"), "cpu:STRING")
                .build();
    }

    private static Map<String, String> columnTypes(Database database, String table) {
        return database.jdbi().withHandle((Handle handle) -> {
            Map<String, String> types = new java.util.HashMap<>();
            handle.createQuery("SELECT column_name, CASE WHEN data_type = 'numeric' THEN 'numeric(' || numeric_precision"
                            + " || ',' || numeric_scale || ')' ELSE data_type END FROM information_schema.columns"
                            + " WHERE table_name = :table")
                    .bind("table", table)
                    .map((rows, context) -> Map.entry(rows.getString(1), rows.getString(2)))
                    .forEach(entry -> types.put(entry.getKey(), entry.getValue()));
            return types;
        });
    }

}
