package io.github.itopdata.core.setup;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.core.auth.Profile;
import io.github.itopdata.core.auth.Users;
import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.model.LoadedModel;
import io.github.itopdata.core.model.ModelLoader;
import io.github.itopdata.core.model.ModelSource;
import io.github.itopdata.core.store.ChangeHistory;
import io.github.itopdata.core.store.ChangeOrigin;
import io.github.itopdata.core.store.ChangeSet;
import io.github.itopdata.core.store.Document;
import io.github.itopdata.core.store.ObjectStore;
import io.github.itopdata.core.store.SchemaMapping;
import io.github.itopdata.core.store.StoredObject;
import io.github.itopdata.core.testing.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Setup and status on a database of their own for each test, with the default model. */
class SetupTest {

    private static final LoadedModel DEFAULT_MODEL = new ModelLoader().addDefaultModel().load();

    private static Optional<Setup.Administrator> admin(String login, String password) {
        return Optional.of(new Setup.Administrator(login, password));
    }

    @Test
    void freshDatabaseGetsTablesAndAdministrator() {
        try (Database database = PostgresExtension.openFreshDatabase("setup_fresh")) {
            Setup.Report report = Setup.run(database, DEFAULT_MODEL, admin("admin", "First-Pa55"));

            assertThat(report.schemaChanges().actions()).anyMatch(action -> action.startsWith("created table obj_organization"));
            assertThat(report.administratorOutcome()).isEqualTo(Setup.AdministratorOutcome.CREATED);
            assertThat(report.hasAdministrator()).isTrue();
            assertThat(new Users(database).find("admin").orElseThrow().isAdministrator()).isTrue();
            assertThat(report.lines(false)).contains("Administrator: admin created");
        }
    }

    @Test
    void secondRunChangesNothing() {
        try (Database database = PostgresExtension.openFreshDatabase("setup_twice")) {
            Setup.run(database, DEFAULT_MODEL, admin("admin", "First-Pa55"));

            Setup.Report again = Setup.run(database, DEFAULT_MODEL, admin("admin", "Second-Pa55"));

            assertThat(again.migrationsApplied()).isZero();
            assertThat(again.schemaChanges().isEmpty()).isTrue();
            assertThat(again.administratorOutcome()).isEqualTo(Setup.AdministratorOutcome.ALREADY_ADMINISTRATOR);
            assertThat(again.lines(false)).contains("Internal tables: up to date", "Object tables: up to date");
        }
    }

    @Test
    void existingUserIsGrantedAdministrator() {
        try (Database database = PostgresExtension.openFreshDatabase("setup_grant")) {
            Setup.run(database, DEFAULT_MODEL, Optional.empty());
            new Users(database).create("operator", "Operator-Pa55", Set.of(Profile.READER));

            Setup.Report report = Setup.run(database, DEFAULT_MODEL, admin("operator", "Ignored-Pa55"));

            assertThat(report.administratorOutcome()).isEqualTo(Setup.AdministratorOutcome.GRANTED);
            assertThat(new Users(database).find("operator").orElseThrow().profiles())
                    .containsExactlyInAnyOrder(Profile.READER, Profile.ADMINISTRATOR);
        }
    }

    @Test
    void withoutAdministratorReportSaysHow() {
        try (Database database = PostgresExtension.openFreshDatabase("setup_no_admin")) {
            Setup.Report report = Setup.run(database, DEFAULT_MODEL, Optional.empty());

            assertThat(report.hasAdministrator()).isFalse();
            assertThat(report.lines(false)).contains(
                    "Administrator: none yet; run setup with --admin_user and --admin_pwd to create one");
        }
    }

    @Test
    void grownModelIsMigratedInPlace() {
        String extension = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<itop_design version=\"3.2\"><classes>"
                + "<class id=\"Organization\" _delta=\"must_exist\"><fields>"
                + "<field id=\"cost_center\" xsi:type=\"AttributeString\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                + "<sql>cost_center</sql><default_value/><is_null_allowed>true</is_null_allowed></field>"
                + "</fields></class></classes></itop_design>\n";
        LoadedModel grown = new ModelLoader().addDefaultModel()
                .addSource(ModelSource.of("cost-center.xml", extension.getBytes(StandardCharsets.UTF_8))).load();
        try (Database database = PostgresExtension.openFreshDatabase("setup_grown")) {
            Setup.run(database, DEFAULT_MODEL, Optional.empty());
            long id = createOrganization(database, DEFAULT_MODEL, "Kept Ltd");
            assertThat(DatabaseStatus.read(database, SchemaMapping.of(grown.model())).schema())
                    .isEqualTo(DatabaseStatus.SchemaState.DIFFERS_FROM_MODEL);

            Setup.Report report = Setup.run(database, grown, Optional.empty());

            assertThat(report.schemaChanges().actions()).anyMatch(action -> action.contains("cost_center"));
            String name = database.jdbi().withHandle(handle -> handle
                    .createQuery("SELECT name FROM obj_organization WHERE id = :id").bind("id", id)
                    .mapTo(String.class).one());
            assertThat(name).isEqualTo("Kept Ltd");
            assertThat(DatabaseStatus.read(database, SchemaMapping.of(grown.model())).schema())
                    .isEqualTo(DatabaseStatus.SchemaState.UP_TO_DATE);
        }
    }

    @Test
    void olderDatabaseGainsDocumentColumns() {
        try (Database database = PostgresExtension.openFreshDatabase("setup_documents")) {
            Setup.run(database, DEFAULT_MODEL, Optional.empty());
            // Before documents had a MIME type and a file name, the table had their contents column only.
            database.jdbi().useHandle(handle -> {
                handle.execute("ALTER TABLE obj_contact DROP COLUMN picture_mimetype, DROP COLUMN picture_filename,"
                        + " DROP COLUMN picture_downloads_count");
                handle.execute("INSERT INTO obj_contact (id, finalclass, name, first_name, picture)"
                        + " VALUES (40, 'Person', 'Quill', 'Ada', '\\x89504e47')");
            });

            Setup.Report report = Setup.run(database, DEFAULT_MODEL, Optional.empty());

            assertThat(report.schemaChanges().actions()).containsExactly(
                    "added column obj_contact.picture_mimetype text",
                    "added column obj_contact.picture_filename text",
                    "added column obj_contact.picture_downloads_count integer");
            ObjectStore store = new ObjectStore(SchemaMapping.of(DEFAULT_MODEL.model()));
            StoredObject person = database.jdbi().withHandle(handle -> store.read(handle, "Person", 40).orElseThrow());
            assertThat(person.get("name")).isEqualTo("Quill");
            assertThat(person.get("picture")).isEqualTo(Document.of(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "", ""));
        }
    }

    @Test
    void statusCountsObjectsByClass() {
        try (Database database = PostgresExtension.openFreshDatabase("setup_status")) {
            Setup.run(database, DEFAULT_MODEL, admin("admin", "First-Pa55"));
            createOrganization(database, DEFAULT_MODEL, "Northwind");
            createOrganization(database, DEFAULT_MODEL, "Contoso");

            DatabaseStatus status = DatabaseStatus.read(database, SchemaMapping.of(DEFAULT_MODEL.model()));

            assertThat(status.setUp()).isTrue();
            assertThat(status.schema()).isEqualTo(DatabaseStatus.SchemaState.UP_TO_DATE);
            assertThat(status.objectCounts()).isEqualTo(Map.of("Organization", 2L));
            assertThat(status.totalObjects()).isEqualTo(2);
            assertThat(status.users()).isEqualTo(1);
            assertThat(status.administrators()).isEqualTo(1);
            assertThat(status.lines()).contains("Organization  2", "Total         2");
        }
    }

    @Test
    void statusBeforeSetupReportsNotSetUp() {
        try (Database database = PostgresExtension.openFreshDatabase("setup_none")) {
            database.jdbi().useHandle(handle -> handle.execute("DROP TABLE itop_schema_migration CASCADE"));

            DatabaseStatus status = DatabaseStatus.read(database, SchemaMapping.of(DEFAULT_MODEL.model()));

            assertThat(status.setUp()).isFalse();
            assertThat(status.lines()).contains("Setup: not run on this database yet; run 'itop setup'");
        }
    }

    private static long createOrganization(Database database, LoadedModel model, String name) {
        ObjectStore store = new ObjectStore(SchemaMapping.of(model.model()));
        return database.jdbi().inTransaction(handle -> {
            ChangeSet change = ChangeHistory.open(handle, "setup test", null, ChangeOrigin.CSV_IMPORT, null);
            return store.create(handle, change, "Organization", Map.of("name", name));
        });
    }
}
