package io.github.itopdata.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.model.DefaultModel;
import io.github.itopdata.core.store.SchemaMapping;
import io.github.itopdata.core.store.StoreSchema;
import io.github.itopdata.core.testing.PostgresExtension;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Exports over the bundled model, whose computed key attributes are external fields. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DefaultModelExportTest {

    private Exporter exporter;
    private Database database;

    @BeforeAll
    void createSchema(Database database) {
        this.database = database;
        SchemaMapping mapping = SchemaMapping.of(DefaultModel.load());
        StoreSchema.apply(database.jdbi(), mapping);
        database.jdbi().useHandle(handle -> {
            handle.execute("INSERT INTO obj_organization (id, finalclass, name, status) VALUES (1, 'Organization', 'Demo', 'active')");
            handle.execute("INSERT INTO obj_functionalci (id, finalclass, name, org_id, status) VALUES"
                    + " (5, 'Server', 'srv1', 1, 'production'), (6, 'Server', 'srv2', NULL, 'production')");
            handle.execute("INSERT INTO obj_contact (id, finalclass, name, first_name, org_id, picture, picture_mimetype,"
                    + " picture_filename, picture_downloads_count) VALUES"
                    + " (20, 'Person', 'Quill', 'Ada', 1, '\\x0102', 'image/png', 'ada \"q\".png', 0),"
                    + " (21, 'Person', 'Tamm', 'Bruno', 1, NULL, NULL, NULL, NULL)");
            handle.execute("INSERT INTO obj_document (id, finalclass, name, org_id, status, file, file_mimetype, file_filename,"
                    + " file_downloads_count) VALUES (30, 'DocumentFile', 'Rack manual', 1, 'published', '\\x25504446',"
                    + " 'application/pdf', 'rack.pdf', 0), (31, 'DocumentFile', 'Draft', NULL, 'draft', NULL, NULL, NULL, NULL)");
        });
        exporter = new Exporter(database, mapping);
    }

    private String export(String oql, ExportFormat format, String fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exporter.export(ExportRequest.builder().expression(oql).format(format).fields(fields).localized(false)
                .includeObsolete(true).build(), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void computedKeyFieldsRead() {
        assertThat(export("SELECT Server WHERE org_id_obsolescence_flag = 0 AND org_id_friendlyname = 'demo'", ExportFormat.CSV,
                "name,org_id_friendlyname,org_id_obsolescence_flag,organization_name,powerA_id_finalclass_recall,finalclass"))
                .isEqualTo("\"name\",\"org_id_friendlyname\",\"org_id_obsolescence_flag\",\"organization_name\","
                        + "\"powerA_id_finalclass_recall\",\"finalclass\"\n\"srv1\",\"Demo\",no,\"Demo\",\"\",\"Server\"\n");
    }

    @Test
    void documentExportsAsFileName() {
        assertThat(export("SELECT Person", ExportFormat.CSV, "name,picture"))
                .isEqualTo("\"name\",\"picture\"\n\"Quill\",\"ada \"\"q\"\".png\"\n\"Tamm\",\n");
        assertThat(export("SELECT Person WHERE id = 20", ExportFormat.XML, "picture"))
                .contains("<picture>ada &quot;q&quot;.png</picture>");
    }

    @Test
    void legacyExportLeavesEmptyDocumentBare() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exporter.export(ExportRequest.builder().expression("SELECT Person").format(ExportFormat.CSV)
                .fields("picture,name").legacy(true).charset("UTF-8").includeObsolete(true).build(), out);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("\uFEFFLast Name,Picture\n"
                + "\"Quill\",\"ada \"\"q\"\".png\"\n\"Tamm\",\n");
    }

    private String legacyDefaultExport(String oql) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exporter.export(ExportRequest.builder().expression(oql).format(ExportFormat.CSV).legacy(true).charset("UTF-8")
                .includeObsolete(true).build(), out);
        return out.toString(StandardCharsets.UTF_8).replaceFirst("^\uFEFF", "");
    }

    @Test
    void legacyDefaultPersonColumns() {
        String[] lines = legacyDefaultExport("SELECT Person WHERE id IN (20, 21)").split("\n", -1);

        assertThat(lines[0]).isEqualTo("Last Name,Status,Organization->Name,Email,Phone,Notification,Function,Picture,"
                + "First Name,Employee number,Mobile phone,Location->Name,Manager->Last Name,"
                + "Organization->Full name,Organization->Obsolete,Location->Full name,Location->Obsolete,"
                + "Manager->Full name,Manager->Obsolete");
        assertThat(lines[1]).isEqualTo("\"Quill\",\"\",\"Demo\",\"\",\"\",\"\",\"\",\"ada \"\"q\"\".png\",\"Ada\",\"\",\"\",\"\",\"\","
                + "\"Demo\",No,\"\",No,\"\",No");
        assertThat(lines[2]).startsWith("\"Tamm\",\"\",\"Demo\",\"\",\"\",\"\",\"\",,\"Bruno\",");
        assertThat(lines).hasSize(4);
    }

    @Test
    void legacyDefaultOrganizationColumns() {
        String[] lines = legacyDefaultExport("SELECT Organization").split("\n", -1);

        assertThat(lines[0]).isEqualTo("Name,Code,Status,Parent->Name,Parent->Full name,Parent->Obsolete");
        assertThat(lines[1]).isEqualTo("\"Demo\",\"\",\"Active\",\"\",\"\",No");
        assertThat(lines).hasSize(3);
    }

    @Test
    void legacyDefaultDocumentFileColumns() {
        String[] lines = legacyDefaultExport("SELECT DocumentFile").split("\n", -1);

        assertThat(lines[0]).isEqualTo("Name,Organization->Name,Document type->Name,Version,Description,Status,File,"
                + "Organization->Full name,Organization->Obsolete,Document type->Full name");
        assertThat(lines[1]).isEqualTo("\"Draft\",\"\",\"\",\"\",\"\",\"Draft\",,\"\",No,\"\"");
        assertThat(lines[2]).isEqualTo("\"Rack manual\",\"Demo\",\"\",\"\",\"\",\"Published\",\"rack.pdf\",\"Demo\",No,\"\"");
        assertThat(lines).hasSize(4);
    }

    private String legacyXml(String oql) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exporter.export(ExportRequest.builder().expression(oql).format(ExportFormat.XML).legacy(true).includeObsolete(true).build(),
                out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void legacyXmlPersonWritableAttributes() {
        assertThat(legacyXml("SELECT Person WHERE id = 20")).isEqualTo("""
                <?xml version="1.0" encoding="utf-8"?>
                <Set>
                <Person alias="Person" id="20">
                <name>Quill</name>
                <status></status>
                <org_id>1</org_id>
                <email></email>
                <phone></phone>
                <notify></notify>
                <function></function>
                <picture>ada &quot;q&quot;.png</picture>
                <first_name>Ada</first_name>
                <employee_number></employee_number>
                <mobile_phone></mobile_phone>
                <location_id>0</location_id>
                <manager_id>0</manager_id>
                </Person>
                </Set>
                """);
    }

    @Test
    void legacyXmlOrganizationWritableAttributes() {
        assertThat(legacyXml("SELECT Organization WHERE id = 1")).isEqualTo("""
                <?xml version="1.0" encoding="utf-8"?>
                <Set>
                <Organization alias="Organization" id="1">
                <name>Demo</name>
                <code></code>
                <status>Active</status>
                <parent_id>0</parent_id>
                </Organization>
                </Set>
                """);
    }

    @Test
    void polymorphicQueryAndXmlRun() {
        assertThat(export("SELECT FunctionalCI", ExportFormat.CSV, "name,finalclass,org_id->name"))
                .isEqualTo("\"name\",\"finalclass\",\"org_id->name\"\n\"srv1\",\"Server\",\"Demo\"\n\"srv2\",\"Server\",\"\"\n");
        assertThat(export("SELECT Server", ExportFormat.XML, null)).contains("<Server alias=\"Server\" id=\"5\">\n<name>srv1</name>\n")
                .endsWith("</Server>\n</Set>\n");
    }
}
