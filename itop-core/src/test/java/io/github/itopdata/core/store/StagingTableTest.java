package io.github.itopdata.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.store.ChangeOperation.Type;
import io.github.itopdata.core.testing.PostgresExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

class StagingTableTest {

    private static final ObjectStore STORE = new ObjectStore(SchemaMapping.of(TestModels.cmdb()));

    private static Database freshDatabase(String name) {
        Database database = PostgresExtension.openFreshDatabase(name);
        StoreSchema.apply(database.jdbi(), STORE.mapping());
        return database;
    }

    private static ChangeSet openChange(Handle handle) {
        return ChangeHistory.open(handle, "Mira Solberg (Data Synchro)", null, ChangeOrigin.SYNCHRO, null);
    }

    @Test
    void bulkLoadCreatesObjectsWithOneCreationEach() {
        try (Database database = freshDatabase("stage_create")) {
            database.jdbi().useTransaction(handle -> {
                ChangeSet change = openChange(handle);
                try (StagingTable stage = STORE.stage(handle, "Server", List.of("name", "ram", "cost"), Map.of())) {
                    try (StagingWriter writer = stage.openWriter()) {
                        for (int i = 0; i < 1000; i++) {
                            writer.row(i, "srv-" + i, i, i % 2 == 0 ? null : "1.5");
                        }
                        assertThat(writer.finish()).isEqualTo(1000);
                    }

                    int matched = stage.match(List.of("name"));
                    int created = stage.insertNew(change);

                    assertThat(matched).isZero();
                    assertThat(created).isEqualTo(1000);
                    assertThat(stage.counts()).containsExactly(entry(StagedAction.CREATED, 1000L));
                }
                List<ChangeOperation> operations = ChangeHistory.operationsIn(handle, change.id());
                assertThat(operations).hasSize(1000).allMatch(op -> op.type() == Type.CREATE
                        && op.objectClass().equals("Server"));
                StoredObject one = STORE.findByKey(handle, "Server", Map.of("name", "srv-7")).get(0);
                assertThat(one.get("ram")).isEqualTo(7);
                assertThat(one.get("business_criticity")).as("model default").isEqualTo("low");
            });
        }
    }

    @Test
    void bulkReloadUpdatesOnlyChangedRows() {
        try (Database database = freshDatabase("stage_update")) {
            database.jdbi().useTransaction(handle -> load(handle, List.of(
                    new Object[] {"Atlas", 8}, new Object[] {"Borealis", 16}, new Object[] {"Cygnus", 32})));

            List<StagedRow> results = new ArrayList<>();
            long changeId = database.jdbi().inTransaction(handle -> {
                ChangeSet change = openChange(handle);
                try (StagingTable stage = STORE.stage(handle, "Server", List.of("name", "ram"), Map.of())) {
                    try (StagingWriter writer = stage.openWriter()) {
                        writer.row(1, "ATLAS ", 8);
                        writer.row(2, "Borealis", "0016");
                        writer.row(3, "Cygnus", 64);
                        writer.row(4, "Draco", 4);
                        writer.finish();
                    }
                    assertThat(stage.match(List.of("name"))).isEqualTo(3);
                    assertThat(stage.compare()).isEqualTo(2);
                    assertThat(stage.updateChanged(change)).isEqualTo(2);
                    assertThat(stage.insertNew(change)).isEqualTo(1);
                    stage.forEachResult(results::add);
                }
                return change.id();
            });

            assertThat(results).extracting(StagedRow::action).containsExactly(StagedAction.UPDATED,
                    StagedAction.UNCHANGED, StagedAction.UPDATED, StagedAction.CREATED);
            assertThat(results).extracting(StagedRow::changed).containsExactly(1, 0, 1, 0);
            List<ChangeOperation> operations = database.jdbi().withHandle(h -> ChangeHistory.operationsIn(h, changeId));
            assertThat(operations).filteredOn(op -> op.type() == Type.UPDATE)
                    .extracting(ChangeOperation::attCode, ChangeOperation::oldValue, ChangeOperation::newValue)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(Optional.of("name"), Optional.of("Atlas"),
                                    Optional.of("ATLAS ")),
                            org.assertj.core.groups.Tuple.tuple(Optional.of("ram"), Optional.of("32"), Optional.of("64")));
            assertThat(operations).filteredOn(op -> op.type() == Type.CREATE).hasSize(1);
            database.jdbi().useHandle(handle -> assertThat(STORE.read(handle, "Server",
                    results.get(2).objectId().orElseThrow()).orElseThrow().get("ram")).isEqualTo(64));
        }
    }

    @Test
    void nullAndAmbiguousKeysAreNotWritten() {
        try (Database database = freshDatabase("stage_ambiguous")) {
            database.jdbi().useTransaction(handle -> load(handle, List.of(
                    new Object[] {"twin", 1}, new Object[] {"TWIN", 2})));

            Map<StagedAction, Long> counts = database.jdbi().inTransaction(handle -> {
                ChangeSet change = openChange(handle);
                try (StagingTable stage = STORE.stage(handle, "Server", List.of("name", "ram"), Map.of())) {
                    try (StagingWriter writer = stage.openWriter()) {
                        writer.row(1, "Twin", 3);
                        writer.row(2, null, 3);
                        writer.row(3, "skipped one", 3);
                        writer.finish();
                    }
                    stage.skip(List.of(3L));
                    stage.match(List.of("name"));
                    stage.compare();
                    stage.updateChanged(change);
                    stage.insertNew(change);
                    return stage.counts();
                }
            });

            assertThat(counts).containsOnly(entry(StagedAction.AMBIGUOUS, 1L), entry(StagedAction.NULL_KEY, 1L),
                    entry(StagedAction.SKIPPED, 1L));
        }
    }

    @Test
    void repeatedKeysWaitForALaterPass() {
        try (Database database = freshDatabase("stage_repeated")) {
            List<StagedRow> results = new ArrayList<>();
            database.jdbi().useTransaction(handle -> {
                try (StagingTable stage = STORE.stage(handle, "Server", List.of("name", "ram"), Map.of())) {
                    try (StagingWriter writer = stage.openWriter()) {
                        writer.row(1, "Orion", 1);
                        writer.row(2, "ORION ", 2);
                        writer.row(3, "Lyra", 3);
                        writer.row(4, "orion", 4);
                        writer.finish();
                    }

                    int repeated = stage.markRepeatedKeys(List.of("name"));
                    stage.match(List.of("name"));
                    stage.insertNew(openChange(handle));
                    stage.forEachResult(results::add);

                    assertThat(repeated).isEqualTo(2);
                }
            });

            assertThat(results).extracting(StagedRow::action).containsExactly(StagedAction.CREATED,
                    StagedAction.REPEATED_KEY, StagedAction.CREATED, StagedAction.REPEATED_KEY);
        }
    }

    @Test
    void matchOnParentClassFindsSubclassObjects() {
        try (Database database = freshDatabase("stage_parent")) {
            database.jdbi().useTransaction(handle -> load(handle, List.<Object[]>of(new Object[] {"srv-poly", 1})));

            List<StagedRow> results = new ArrayList<>();
            database.jdbi().useTransaction(handle -> {
                try (StagingTable stage = STORE.stage(handle, "FunctionalCI", List.of("name"), Map.of())) {
                    try (StagingWriter writer = stage.openWriter()) {
                        writer.row(1, "SRV-POLY");
                        writer.finish();
                    }
                    stage.match(List.of("name"));
                    stage.forEachResult(results::add);
                }
            });

            assertThat(results).singleElement().satisfies(row -> {
                assertThat(row.matchCount()).isEqualTo(1);
                assertThat(row.objectClass()).contains("Server");
            });
        }
    }

    @Test
    void extraColumnResolvesExternalKey() {
        try (Database database = freshDatabase("stage_extkey")) {
            long org = database.jdbi().inTransaction(handle -> STORE.create(handle, openChange(handle), "Organization",
                    Map.of("name", "Northwind")));

            database.jdbi().useTransaction(handle -> {
                ChangeSet change = openChange(handle);
                try (StagingTable stage = STORE.stage(handle, "Server", List.of("name", "org_id"),
                        Map.of("org_name", "text"))) {
                    try (StagingWriter writer = stage.openWriter()) {
                        writer.row(1, "srv-org", null, "northwind ");
                        writer.finish();
                    }
                    handle.execute("UPDATE " + stage.name() + " s SET org_id = o.id FROM obj_organization o"
                            + " WHERE itop_fold(o.name) = itop_fold(s.org_name)");
                    stage.match(List.of("name", "org_id"));
                    stage.insertNew(change);
                }
            });

            Object stored = database.jdbi().withHandle(handle ->
                    STORE.findByKey(handle, "Server", Map.of("name", "srv-org")).get(0).get("org_id"));
            assertThat(stored).isEqualTo(org);
        }
    }

    @Test
    void copyEscapesSpecialCharacters() {
        try (Database database = freshDatabase("stage_escape")) {
            String awkward = "tab\there\nnew line \\ backslash, émoji 🚀, \\N";
            database.jdbi().useTransaction(handle -> {
                try (StagingTable stage = STORE.stage(handle, "VirtualMachine", List.of("name", "description"), Map.of())) {
                    try (StagingWriter writer = stage.openWriter()) {
                        writer.row(1, "vm-escape", awkward);
                        writer.finish();
                    }
                    stage.match(List.of("name"));
                    stage.insertNew(openChange(handle));
                }
            });

            Object stored = database.jdbi().withHandle(handle ->
                    STORE.findByKey(handle, "VirtualMachine", Map.of("name", "vm-escape")).get(0).get("description"));
            assertThat(stored).isEqualTo(awkward);
        }
    }

    @Test
    void invalidValueFailsTheWholeLoad() {
        try (Database database = freshDatabase("stage_invalid")) {
            assertThatThrownBy(() -> database.jdbi().useTransaction(handle -> {
                try (StagingTable stage = STORE.stage(handle, "Server", List.of("name", "ram"), Map.of())) {
                    try (StagingWriter writer = stage.openWriter()) {
                        writer.row(1, "srv-ok", 4);
                        writer.row(2, "srv-bad", "four");
                        writer.finish();
                    }
                }
            }))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("invalid input syntax for type integer: \"four\"");
        }
    }

    private static void load(Handle handle, List<Object[]> rows) {
        ChangeSet change = openChange(handle);
        try (StagingTable stage = STORE.stage(handle, "Server", List.of("name", "ram"), Map.of())) {
            try (StagingWriter writer = stage.openWriter()) {
                for (int i = 0; i < rows.size(); i++) {
                    writer.row(i, rows.get(i));
                }
                writer.finish();
            }
            stage.insertNew(change);
        }
    }
}
