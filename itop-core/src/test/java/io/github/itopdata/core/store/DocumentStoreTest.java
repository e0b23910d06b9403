package io.github.itopdata.core.store;

import static io.github.itopdata.core.store.StoreWrites.openChange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.model.DefaultModel;
import io.github.itopdata.core.testing.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Blob and image attributes in the object store, on the default model (Person.picture, DocumentFile.file). */
@ExtendWith(PostgresExtension.class)
class DocumentStoreTest {

    private static final ObjectStore STORE = new ObjectStore(SchemaMapping.of(DefaultModel.load()));
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xFF};

    @BeforeAll
    static void createSchema(Database database) {
        StoreSchema.apply(database.jdbi(), STORE.mapping());
    }

    private static long createPerson(Database database, String name, Document picture) {
        ChangeSet change = openChange(database);
        Map<String, Object> values = new HashMap<>();
        values.put("name", name);
        values.put("first_name", "Ada");
        values.put("picture", picture);
        return database.jdbi().inTransaction(handle -> STORE.create(handle, change, "Person", values));
    }

    private static StoredObject read(Database database, String className, long id) {
        return database.jdbi().withHandle(handle -> STORE.read(handle, className, id).orElseThrow());
    }

    @Test
    void documentTableHasFourColumns() {
        HierarchyTable contacts = STORE.mapping().hierarchies().stream()
                .filter(h -> h.tableName().equals("obj_contact")).findFirst().orElseThrow();

        assertThat(contacts.columns()).extracting(ColumnMapping::columnName, ColumnMapping::ddlType)
                .contains(org.assertj.core.groups.Tuple.tuple("picture", "bytea"),
                        org.assertj.core.groups.Tuple.tuple("picture_mimetype", "text"),
                        org.assertj.core.groups.Tuple.tuple("picture_filename", "text"),
                        org.assertj.core.groups.Tuple.tuple("picture_downloads_count", "integer"));
        assertThat(STORE.mapping().table("Person").column("picture").orElseThrow().columnName()).isEqualTo("picture");
    }

    @Test
    void createdDocumentReadsBack(Database database) {
        Document picture = new Document(PNG, "image/png", "ada.png", 3);

        long id = createPerson(database, "Quill", picture);

        Object stored = read(database, "Person", id).get("picture");
        assertThat(stored).isInstanceOf(Document.class);
        Document document = (Document) stored;
        assertThat(document.data()).containsExactly(PNG);
        assertThat(document.mimeType()).isEqualTo("image/png");
        assertThat(document.fileName()).isEqualTo("ada.png");
        assertThat(document.downloadsCount()).isEqualTo(3);
    }

    @Test
    void blobOfSubclassReadsBack(Database database) {
        ChangeSet change = openChange(database);
        byte[] text = "release notes".getBytes(StandardCharsets.UTF_8);

        long id = database.jdbi().inTransaction(handle -> STORE.create(handle, change, "DocumentFile",
                Map.of("name", "notes", "file", Document.of(text, "text/plain", "notes.txt"))));

        assertThat(read(database, "Document", id).get("file")).isEqualTo(Document.of(text, "text/plain", "notes.txt"));
    }

    @Test
    void objectWithoutDocumentReadsNull(Database database) {
        long id = createPerson(database, "Tamm", null);

        assertThat(read(database, "Person", id).get("picture")).isNull();
    }

    @Test
    void documentChangeRecordsFileNamesOnly(Database database) {
        long id = createPerson(database, "Varga", Document.of(PNG, "image/png", "old.png"));
        ChangeSet change = openChange(database);

        int changed = database.jdbi().inTransaction(handle -> STORE.update(handle, change, "Person", id,
                Map.of("picture", Document.of(new byte[] {1, 2, 3}, "image/gif", "new.gif"))));

        assertThat(changed).isEqualTo(1);
        assertThat(read(database, "Person", id).get("picture"))
                .isEqualTo(Document.of(new byte[] {1, 2, 3}, "image/gif", "new.gif"));
        List<ChangeOperation> operations = database.jdbi().withHandle(handle -> ChangeHistory.operationsIn(handle,
                change.id()));
        assertThat(operations).hasSize(1);
        assertThat(operations.get(0).attCode()).contains("picture");
        assertThat(operations.get(0).oldValue()).contains("old.png");
        assertThat(operations.get(0).newValue()).contains("new.gif");
    }

    @Test
    void sameDocumentIsNoChange(Database database) {
        long id = createPerson(database, "Holt", Document.of(PNG, "image/png", "same.png"));
        ChangeSet change = openChange(database);

        int changed = database.jdbi().inTransaction(handle -> STORE.update(handle, change, "Person", id,
                Map.of("picture", Document.of(PNG, "image/png", "same.png"))));

        assertThat(changed).isZero();
    }

    @Test
    void nullDocumentEmptiesEveryColumn(Database database) {
        long id = createPerson(database, "Lind", Document.of(PNG, "image/png", "gone.png"));
        ChangeSet change = openChange(database);
        Map<String, Object> values = new HashMap<>();
        values.put("picture", null);

        database.jdbi().useTransaction(handle -> STORE.update(handle, change, "Person", id, values));

        assertThat(read(database, "Person", id).get("picture")).isNull();
        Map<String, Object> row = database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT picture_mimetype, picture_filename, picture_downloads_count FROM obj_contact WHERE id = :id")
                .bind("id", id).mapToMap().one());
        assertThat(row).containsEntry("picture_mimetype", null).containsEntry("picture_filename", null)
                .containsEntry("picture_downloads_count", null);
    }

    @Test
    void documentsWrittenToManyObjects(Database database) {
        long first = createPerson(database, "Berg", null);
        long second = createPerson(database, "Dahl", Document.of(PNG, "image/png", "team.png"));
        ChangeSet change = openChange(database);

        Map<Long, Integer> changes = database.jdbi().inTransaction(handle -> STORE.updateAll(handle, change, "Person",
                List.of(first, second), Map.of("picture", Document.of(PNG, "image/png", "team.png"))));

        assertThat(changes).containsEntry(first, 1).containsEntry(second, 0);
        assertThat(read(database, "Person", first).get("picture")).isEqualTo(Document.of(PNG, "image/png", "team.png"));
        List<ChangeOperation> operations = database.jdbi().withHandle(handle -> ChangeHistory.operationsIn(handle,
                change.id()));
        assertThat(operations).extracting(ChangeOperation::objectId).containsExactly(first);
        assertThat(operations.get(0).newValue()).contains("team.png");
    }

    @Test
    void bytesForDocumentAreRejected(Database database) {
        long id = createPerson(database, "Moss", null);
        ChangeSet change = openChange(database);

        assertThatThrownBy(() -> database.jdbi().useTransaction(handle -> STORE.update(handle, change, "Person", id,
                Map.of("picture", PNG))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Attribute 'picture' of class Person is a document: give it a Document value, not a byte[]");
    }

    @Test
    void documentIsNoSearchKey(Database database) {
        assertThatThrownBy(() -> database.jdbi().useHandle(handle -> STORE.findByKey(handle, "Person",
                Map.of("picture", Document.of(PNG, "image/png", "a.png")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is a document, which cannot be a search key");
    }

    @Test
    void documentTextNamesFileNotContents() {
        assertThat(Document.of(PNG, "image/png", "ada.png")).hasToString("ada.png (image/png, 8 bytes)");
    }
}
