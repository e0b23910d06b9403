package io.github.itopdata.core.synchro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.store.Document;
import io.github.itopdata.core.store.ObjectStore;
import io.github.itopdata.core.store.StoredObject;
import io.github.itopdata.core.testing.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Documents (Person.picture, an image, and DocumentFile.file, a blob) fed through synchro_import and applied by the run. */
@ExtendWith(PostgresExtension.class)
class SynchroDocumentTest {

    private static final String HEADER = "primary_key;name;first_name;org_id;picture_data;picture_mimetype;"
            + "picture_filename;picture_downloads_count\n";
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xFF, 10, 13};
    private static final byte[] GIF = "GIF89a".getBytes(StandardCharsets.US_ASCII);

    private static SynchroFixture fixture;
    private static ObjectStore store;

    @BeforeAll
    static void createSchema(Database database) {
        fixture = new SynchroFixture(database);
        store = new ObjectStore(fixture.mapping);
    }

    @BeforeEach
    void reset() {
        fixture.reset();
        fixture.sql("TRUNCATE obj_document");
    }

    private static DataSource.Builder staff(String picturePolicy, boolean updatePicture) {
        return DataSource.builder("Staff", "Person").attributes(List.of(
                SynchroAttributeDef.plain("name", true, true, "master_locked"),
                SynchroAttributeDef.plain("first_name", true, true, "master_locked"),
                SynchroAttributeDef.externalKey("org_id", true, false, "master_locked", "code"),
                SynchroAttributeDef.plain("picture", updatePicture, false, picturePolicy)));
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String line(SynchroFixture.Call call, String prefix) {
        return call.lines().stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("No line starting with '" + prefix + "' in:\n" + call.output()));
    }

    private static Object picture(String name) {
        long id = fixture.count("SELECT id FROM obj_contact WHERE name = ?", name);
        StoredObject person = fixture.database.jdbi().withHandle(handle -> store.read(handle, "Person", id).orElseThrow());
        return person.get("picture");
    }

    private static SynchroFixture.Call loadAda(DataSource source, String pictureCells) {
        return fixture.load(source, HEADER + "hr-1;Quill;Ada;NLAB;" + pictureCells + "\n");
    }

    @Test
    void feedSetsImage() {
        DataSource source = fixture.create(staff("master_locked", true));

        SynchroFixture.Call call = loadAda(source, base64(PNG) + ";image/png;ada.png;4");

        assertThat(line(call, "#Objects created")).isEqualTo("#Objects created: 1 (0 warnings)");
        Document document = (Document) picture("Quill");
        assertThat(document.data()).containsExactly(PNG);
        assertThat(document.mimeType()).isEqualTo("image/png");
        assertThat(document.fileName()).isEqualTo("ada.png");
        assertThat(document.downloadsCount()).isEqualTo(4);
    }

    @Test
    void feedSetsBlob() {
        DataSource source = fixture.create(DataSource.builder("Manuals", "DocumentFile").attributes(List.of(
                SynchroAttributeDef.plain("name", true, true, "master_locked"),
                SynchroAttributeDef.externalKey("org_id", true, false, "master_locked", "code"),
                SynchroAttributeDef.plain("file", true, false, "master_locked"))));
        byte[] manual = "Rack manual, revision 3\n".getBytes(StandardCharsets.UTF_8);

        SynchroFixture.Call call = fixture.load(source, "primary_key;name;org_id;file_data;file_mimetype;file_filename;"
                + "file_downloads_count\ndoc-1;Rack manual;NLAB;" + base64(manual) + ";text/plain;rack.txt;0\n");

        assertThat(line(call, "#Objects created")).isEqualTo("#Objects created: 1 (0 warnings)");
        long id = fixture.count("SELECT id FROM obj_document WHERE name = 'Rack manual'");
        Object file = fixture.database.jdbi().withHandle(handle -> store.read(handle, "DocumentFile", id).orElseThrow()
                .get("file"));
        assertThat(file).isEqualTo(Document.of(manual, "text/plain", "rack.txt"));
    }

    @Test
    void changedDocumentUpdatesObjectAndHistory() {
        DataSource source = fixture.create(staff("master_locked", true));
        loadAda(source, base64(PNG) + ";image/png;ada.png;0");

        SynchroFixture.Call call = loadAda(source, base64(GIF) + ";image/gif;ada.gif;0");

        assertThat(line(call, "#Objects updated")).isEqualTo("#Objects updated: 1 (0 warnings)");
        assertThat(picture("Quill")).isEqualTo(Document.of(GIF, "image/gif", "ada.gif"));
        assertThat(fixture.count("SELECT count(*) FROM itop_change_op WHERE attcode = 'picture' AND optype = 'update'"
                + " AND oldvalue = 'ada.png' AND newvalue = 'ada.gif'")).isEqualTo(1);
    }

    @Test
    void nullInOneColumnLeavesDocumentUntouched() {
        DataSource source = fixture.create(staff("master_locked", true));
        loadAda(source, base64(PNG) + ";image/png;ada.png;0");

        SynchroFixture.Call call = loadAda(source, base64(GIF) + ";image/gif;<NULL>;0");

        assertThat(line(call, "#Objects updated")).isEqualTo("#Objects updated: 0 (0 warnings)");
        assertThat(picture("Quill")).isEqualTo(Document.of(PNG, "image/png", "ada.png"));
    }

    @Test
    void newRowWithoutDocumentColumnsCreatesNoDocument() {
        DataSource source = fixture.create(staff("master_locked", true));

        fixture.load(source, "primary_key;name;first_name;org_id\nhr-1;Quill;Ada;NLAB\n");

        assertThat(fixture.count("SELECT count(*) FROM obj_contact WHERE name = 'Quill'")).isEqualTo(1);
        assertThat(picture("Quill")).isNull();
    }

    @Test
    void emptyColumnsResetDocument() {
        DataSource source = fixture.create(staff("master_locked", true));
        loadAda(source, base64(PNG) + ";image/png;ada.png;0");

        SynchroFixture.Call call = loadAda(source, ";;;");

        assertThat(line(call, "#Objects updated")).isEqualTo("#Objects updated: 1 (0 warnings)");
        assertThat(picture("Quill")).isNull();
    }

    @Test
    void invalidBase64WarnsAndSkipsDocument() {
        DataSource source = fixture.create(staff("master_locked", true));
        loadAda(source, base64(PNG) + ";image/png;ada.png;0");

        SynchroFixture.Call call = loadAda(source, "not*base64;image/gif;ada.gif;0");

        assertThat(call.exitCode()).isZero();
        assertThat(call.output()).contains("0: Invalid value for column 4 ('picture_data'): invalid base64"
                + " (character '*' at position 4); give the file's contents base64-encoded (columns of 'picture' skipped)");
        assertThat(picture("Quill")).isEqualTo(Document.of(PNG, "image/png", "ada.png"));
    }

    @Test
    void newRowWithInvalidBase64HasNoDocument() {
        DataSource source = fixture.create(staff("master_locked", true));

        SynchroFixture.Call call = loadAda(source, "@@@;image/png;ada.png;0");

        assertThat(call.output()).contains("0: Invalid value for column 4 ('picture_data')");
        assertThat(line(call, "#Objects created")).isEqualTo("#Objects created: 1 (0 warnings)");
        assertThat(picture("Quill")).isNull();
    }

    @Test
    void invalidDownloadsCountWarnsAndSkipsDocument() {
        DataSource source = fixture.create(staff("master_locked", true));

        SynchroFixture.Call call = loadAda(source, base64(PNG) + ";image/png;ada.png;many");

        assertThat(call.output()).contains("0: Invalid value for column 7 ('picture_downloads_count'): 'many', expected"
                + " an integer from 0 to 2147483647 (columns of 'picture' skipped)");
        assertThat(picture("Quill")).isNull();
    }

    @Test
    void base64WithLineBreaksIsDecoded() {
        DataSource source = fixture.create(staff("master_locked", true));
        String wrapped = base64(PNG).substring(0, 4) + "\n" + base64(PNG).substring(4);

        fixture.load(source, HEADER + "hr-1;Quill;Ada;NLAB;\"" + wrapped + "\";image/png;ada.png;0\n");

        assertThat(picture("Quill")).isEqualTo(Document.of(PNG, "image/png", "ada.png"));
    }

    @Test
    void writeIfEmptyKeepsExistingDocument() {
        DataSource source = fixture.create(staff("write_if_empty", true));
        fixture.load(source, HEADER + "hr-1;Quill;Ada;NLAB;" + base64(PNG) + ";image/png;ada.png;0\n"
                + "hr-2;Tamm;Bruno;NLAB;<NULL>;<NULL>;<NULL>;<NULL>\n");

        fixture.load(source, HEADER + "hr-1;Quill;Ada;NLAB;" + base64(GIF) + ";image/gif;ada.gif;0\n"
                + "hr-2;Tamm;Bruno;NLAB;" + base64(GIF) + ";image/gif;bruno.gif;0\n");

        assertThat(picture("Quill")).isEqualTo(Document.of(PNG, "image/png", "ada.png"));
        assertThat(picture("Tamm")).isEqualTo(Document.of(GIF, "image/gif", "bruno.gif"));
    }

    @Test
    void documentNotUpdatedIsIgnored() {
        DataSource source = fixture.create(staff("master_locked", false));

        loadAda(source, base64(PNG) + ";image/png;ada.png;0");

        assertThat(fixture.count("SELECT count(*) FROM obj_contact WHERE name = 'Quill'")).isEqualTo(1);
        assertThat(picture("Quill")).isNull();
    }

    @Test
    void documentCodeAloneIsUnknownColumn() {
        DataSource source = fixture.create(staff("master_locked", true));

        SynchroFixture.Call call = fixture.load(source, "primary_key;name;first_name;org_id;picture\n"
                + "hr-1;Quill;Ada;NLAB;x\n");

        assertThat(call.output()).startsWith("#Unknown column 'picture' (class: 'Person')");
    }

    @Test
    void batchMixesRowsWithAndWithoutDocuments() {
        DataSource source = fixture.create(staff("master_locked", true));
        fixture.load(source, HEADER + "hr-1;Quill;Ada;NLAB;" + base64(PNG) + ";image/png;ada.png;0\n"
                + "hr-2;Hopper;Grace;NLAB;<NULL>;<NULL>;<NULL>;<NULL>\n");

        SynchroFixture.Call call = fixture.load(source, HEADER + "hr-1;Quill;Ada;NLAB;" + base64(GIF)
                + ";image/gif;ada.gif;0\nhr-2;Hopper;Amazing Grace;NLAB;<NULL>;<NULL>;<NULL>;<NULL>\n");

        assertThat(line(call, "#Objects updated")).isEqualTo("#Objects updated: 2 (0 warnings)");
        Document changed = (Document) picture("Quill");
        assertThat(changed.data()).containsExactly(GIF);
        assertThat(changed.fileName()).isEqualTo("ada.gif");
        assertThat(picture("Hopper")).isNull();
        assertThat(fixture.count("SELECT count(*) FROM obj_contact WHERE name = 'Hopper' AND first_name = 'Amazing Grace'"))
                .isEqualTo(1);
    }

    @Test
    void partialDocumentHeaderIsRejected() {
        DataSource source = fixture.create(staff("master_locked", true));
        loadAda(source, base64(PNG) + ";image/png;ada.png;4");

        SynchroFixture.Call call = fixture.load(source, "primary_key;name;first_name;org_id;picture_data\n"
                + "hr-1;Quill;Ada;NLAB;" + base64(GIF) + "\n");

        assertThat(call.output()).startsWith("#Incomplete document 'picture': the header has picture_data but not"
                + " picture_mimetype, picture_filename, picture_downloads_count. Give all four columns, with <NULL> in"
                + " a row to leave its document as it is");
        assertThat(call.exitCode()).isEqualTo(2);
        Document stored = (Document) picture("Quill");
        assertThat(stored.data()).containsExactly(PNG);
        assertThat(stored.fileName()).isEqualTo("ada.png");
    }

    @Test
    void dataTableHasDocumentColumns() {
        DataSource source = fixture.create(staff("master_locked", true));

        List<Map<String, Object>> columns = fixture.database.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT column_name, data_type, character_maximum_length FROM information_schema.columns"
                                + " WHERE table_name = :table AND column_name LIKE 'picture%' ORDER BY ordinal_position")
                .bind("table", source.databaseTableName()).mapToMap().list());

        assertThat(columns).extracting(c -> c.get("column_name") + " " + c.get("data_type") + " "
                + c.get("character_maximum_length")).containsExactly("picture_data bytea null",
                        "picture_mimetype character varying 255", "picture_filename character varying 255",
                        "picture_downloads_count integer null");
    }

    @Test
    void documentReconciliationKeyIsRejected() {
        assertThatThrownBy(() -> fixture.create(DataSource.builder("Staff", "Person").attributes(List.of(
                SynchroAttributeDef.plain("name", true, true, "master_locked"),
                SynchroAttributeDef.plain("picture", true, true, "master_locked")))))
                .isInstanceOf(DataSourceException.class)
                .hasMessage("Invalid synchro attribute 'picture': a document (blob or image) cannot be a reconciliation"
                        + " key; set its reconcile flag to 0");
    }

    @Test
    void alteredSourceGainsDocumentColumns() {
        DataSource source = fixture.create(staff("master_locked", true));
        // A data table created before documents were synchronized has none of their columns.
        fixture.sql("ALTER TABLE " + source.databaseTableName() + " DROP COLUMN picture_data, DROP COLUMN"
                + " picture_mimetype, DROP COLUMN picture_filename, DROP COLUMN picture_downloads_count");
        fixture.sql("INSERT INTO " + source.databaseTableName() + " (primary_key, name) VALUES ('hr-9', 'Kept')");

        fixture.change(source, builder -> builder.description("with pictures"));

        assertThat(fixture.count("SELECT count(*) FROM information_schema.columns WHERE table_name = ?"
                + " AND column_name LIKE 'picture%'", source.databaseTableName())).isEqualTo(4);
        assertThat(fixture.count("SELECT count(*) FROM " + source.databaseTableName() + " WHERE name = 'Kept'"))
                .isEqualTo(1);
        loadAda(source, base64(PNG) + ";image/png;ada.png;0");
        assertThat(picture("Quill")).isEqualTo(Document.of(PNG, "image/png", "ada.png"));
    }

    @Test
    void repairAddsDocumentColumns() {
        DataSource source = fixture.create(staff("master_locked", true));
        fixture.sql("ALTER TABLE " + source.databaseTableName() + " DROP COLUMN picture_data, DROP COLUMN"
                + " picture_mimetype, DROP COLUMN picture_filename, DROP COLUMN picture_downloads_count");

        List<String> repairs = fixture.sources.repair(false);

        String prefix = "Data source 'Staff' (id " + source.id() + "): added the column ";
        String suffix = " to " + source.databaseTableName();
        assertThat(repairs).containsExactly(prefix + "picture_data" + suffix, prefix + "picture_mimetype" + suffix,
                prefix + "picture_filename" + suffix, prefix + "picture_downloads_count" + suffix);
        assertThat(fixture.sources.repair(false)).isEmpty();
    }
}
