package io.github.itopdata.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.core.auth.Profile;
import io.github.itopdata.core.auth.User;
import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.query.Phrasebook;
import io.github.itopdata.core.service.FrontEnd;
import io.github.itopdata.core.service.ServiceContext;
import io.github.itopdata.core.service.ServiceOutput;
import io.github.itopdata.core.service.ServiceRegistry;
import io.github.itopdata.core.service.ServiceResult;
import io.github.itopdata.core.testing.PostgresExtension;
import io.github.itopdata.paramfile.Parameters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportServiceTest {

    private static final User ADMIN = new User(1, "exporter", Set.of(Profile.ADMINISTRATOR));
    private static final User MANAGER = new User(2, "viewer", Set.of(Profile.CONFIGURATION_MANAGER));
    private static final User NOBODY = new User(3, "nobody", Set.of());

    private Database database;
    private final List<String> warnings = new ArrayList<>();

    @BeforeAll
    void load(Database database) {
        this.database = database;
        new ExportFixture(database, true);
    }

    /** What a run wrote and set. */
    private static final class Captured implements ServiceOutput {
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        final Map<String, String> headers = new LinkedHashMap<>();
        int status = 200;
        String contentType;
        ServiceResult result;

        @Override
        public void status(int value) {
            status = value;
        }

        @Override
        public void contentType(String value) {
            contentType = value;
        }

        @Override
        public void header(String name, String value) {
            headers.put(name, value);
        }

        @Override
        public OutputStream body() {
            return body;
        }

        String text() {
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    private Captured run(String service, FrontEnd frontEnd, User user, Map<String, String> values) throws IOException {
        Parameters.Builder builder = Parameters.builder();
        builder.httpRequest(values);
        ServiceContext context = new ServiceContext(frontEnd, database, ExportFixture.MAPPING, user, warnings::add, Clock.systemUTC());
        Captured captured = new Captured();
        captured.result = ServiceRegistry.discover().find(service).orElseThrow().run(context, builder.build(), captured);
        return captured;
    }

    @Test
    void pageNamesFindBothServices() {
        ServiceRegistry registry = ServiceRegistry.discover();

        assertThat(registry.find("export-v2.php").orElseThrow().name()).isEqualTo("export");
        assertThat(registry.find("/webservices/export-v2.php").orElseThrow().name()).isEqualTo("export");
        assertThat(registry.find("export.php").orElseThrow().name()).isEqualTo("export-v1");
        assertThat(registry.find("webservices/export.php").orElseThrow().name()).isEqualTo("export-v1");
    }

    @Test
    void cliAndHttpGiveSameBytes() throws IOException {
        Map<String, String> values = Map.of("expression", "SELECT Organization", "format", "csv", "fields", "name,code");

        Captured cli = run("export", FrontEnd.CLI, ADMIN, values);
        Captured http = run("export", FrontEnd.HTTP, ADMIN, values);

        assertThat(cli.result.exitCode()).isZero();
        assertThat(http.body.toByteArray()).isEqualTo(cli.body.toByteArray());
        assertThat(http.contentType).isEqualTo("text/csv;charset=utf-8");
        assertThat(http.headers).containsEntry("Content-Disposition", "attachment; filename=\"Organization Export.csv\"");
    }

    @Test
    void missingArgumentPrintsUsage() throws IOException {
        Captured cli = run("export", FrontEnd.CLI, ADMIN,
                Map.of("expression", "SELECT Person WHERE org_id = :org", "format", "csv", "fields", "friendlyname"));

        assertThat(cli.result.exitCode()).isEqualTo(2);
        assertThat(cli.text()).startsWith("ERROR: Invalid OQL query: 'SELECT Person WHERE org_id = :org'.\n"
                + "Missing parameter '--arg_org'\nUSAGE:\nExport the result of an OQL query.\n");
    }

    @Test
    void argumentPrefixBindsParameter() throws IOException {
        Captured cli = run("export", FrontEnd.CLI, ADMIN, Map.of("expression", "SELECT Person WHERE org_id = :org",
                "arg_org", "2", "format", "csv", "fields", "friendlyname"));

        assertThat(cli.text()).isEqualTo("\"Full name\"\n\"Bruno Tamm\"\n\"Chloé Varga\"\n");
    }

    @Test
    void formatIsCaseSensitive() throws IOException {
        Captured cli = run("export", FrontEnd.CLI, ADMIN, Map.of("expression", "SELECT Person", "format", "CSV", "fields", "name"));

        assertThat(cli.result.exitCode()).isEqualTo(2);
        assertThat(cli.text()).isEqualTo(
                "ERROR: Invalid output format: 'CSV'. The supported formats are: html, csv, xlsx, spreadsheet, xml\n");
    }

    @Test
    void cliDefaultsToHtml() throws IOException {
        Captured cli = run("export", FrontEnd.CLI, ADMIN, Map.of("expression", "SELECT Organization", "fields", "name"));

        assertThat(cli.text()).contains("<table class=\"listResults\">");
    }

    @Test
    void httpRequiresFormat() throws IOException {
        Captured http = run("export", FrontEnd.HTTP, ADMIN, Map.of("expression", "SELECT Person", "fields", "name"));

        assertThat(http.status).isEqualTo(400);
        assertThat(http.result.exitCode()).isEqualTo(2);
        assertThat(http.text()).contains("ERROR: Missing parameter &apos;format&apos;.");
    }

    @Test
    void httpMissingFieldsIsPlainText() throws IOException {
        Captured http = run("export", FrontEnd.HTTP, ADMIN, Map.of("expression", "SELECT Person", "format", "csv"));

        assertThat(http.status).isEqualTo(400);
        assertThat(http.text()).startsWith("Missing parameter: fields\nUSAGE:\nExport the result");
    }

    @Test
    void xmlNeedsNoFields() throws IOException {
        Captured cli = run("export", FrontEnd.CLI, ADMIN, Map.of("expression", "SELECT Organization", "format", "xml"));

        assertThat(cli.result.exitCode()).isZero();
        assertThat(cli.text()).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Set>\n<Organization alias=\"Organization\" id=\"2\">");
    }

    @Test
    void missingExpressionAndQueryPrintsUsage() throws IOException {
        Captured cli = run("export", FrontEnd.CLI, ADMIN, Map.of("format", "csv"));

        assertThat(cli.result.exitCode()).isEqualTo(2);
        assertThat(cli.text()).startsWith("ERROR: Missing parameter. At least one of '--expression' or '--query' must be specified.\n"
                + "USAGE:\nExport the result of an OQL query.");
    }

    @Test
    void unknownPhrasebookIdIsRejected() throws IOException {
        Captured cli = run("export", FrontEnd.CLI, ADMIN, Map.of("query", "999", "format", "csv"));
        Captured http = run("export", FrontEnd.HTTP, ADMIN, Map.of("query", "999", "format", "csv"));

        assertThat(cli.text()).isEqualTo("ERROR: Invalid query phrasebook identifier: '999'\n");
        assertThat(http.status).isEqualTo(404);
    }

    @Test
    void phrasebookCountsHttpExportsOnly() throws IOException {
        Phrasebook phrasebook = new Phrasebook(database.jdbi());
        long id = phrasebook.add("B orgs", "SELECT Organization WHERE code LIKE 'B%'", "code,name");

        run("export", FrontEnd.CLI, ADMIN, Map.of("query", String.valueOf(id), "format", "csv"));
        Captured http = run("export", FrontEnd.HTTP, ADMIN, Map.of("query", String.valueOf(id), "format", "csv"));

        assertThat(http.text()).isEqualTo("\"Code\",\"Name\"\n\"BFS\",\"Bluefin Systems\"\n");
        assertThat(phrasebook.find(id).orElseThrow().exportCount()).isEqualTo(1);
    }

    @Test
    void expressionWinsOverQuery() throws IOException {
        Captured cli = run("export", FrontEnd.CLI, ADMIN, Map.of("expression", "SELECT Organization", "query", "999",
                "format", "csv", "fields", "code"));

        assertThat(cli.result.exitCode()).isZero();
        assertThat(cli.text()).startsWith("\"Code\"\n\"BFS\"\n");
    }

    @Test
    void userWithoutRightsIsRefused() throws IOException {
        Captured cli = run("export", FrontEnd.CLI, NOBODY, Map.of("expression", "SELECT Server", "format", "csv", "fields", "name"));
        Captured http = run("export", FrontEnd.HTTP, NOBODY, Map.of("expression", "SELECT Server", "format", "csv", "fields", "name"));

        assertThat(cli.result.exitCode()).isEqualTo(255);
        assertThat(cli.text()).isEqualTo("ERROR: You do not have enough permissions to bulk read data of class 'Server' (alias: Server)\n");
        assertThat(http.status).isEqualTo(403);
    }

    @Test
    void managerExportsServers() throws IOException {
        Captured cli = run("export", FrontEnd.CLI, MANAGER, Map.of("expression", "SELECT Server", "format", "csv", "fields", "name"));

        assertThat(cli.result.exitCode()).isZero();
    }

    @Test
    void archivesNeedAdministrator() throws IOException {
        Captured cli = run("export", FrontEnd.CLI, MANAGER, Map.of("expression", "SELECT Organization", "format", "csv",
                "fields", "name", "with_archive", "1"));

        assertThat(cli.result.exitCode()).isEqualTo(255);
        assertThat(cli.text()).isEqualTo("ERROR: The user account is not authorized to access the archives\n");
    }

    @Test
    void separatorMustBeOneCharacter() throws IOException {
        Captured bad = run("export", FrontEnd.CLI, ADMIN, Map.of("expression", "SELECT Organization WHERE id = 1", "format", "csv",
                "fields", "name,code", "separator", ";;"));
        Captured section = run("export", FrontEnd.CLI, ADMIN, Map.of("expression", "SELECT Organization WHERE id = 1", "format", "csv",
                "fields", "name,code", "separator", "§"));

        assertThat(bad.result.exitCode()).isEqualTo(2);
        assertThat(bad.text()).isEqualTo("ERROR: Invalid separator ';;': one character or 'tab' expected\n");
        assertThat(section.text()).isEqualTo("\"Name\"§\"Code\"\n\"Northwind Labs\"§\"NWL\"\n");
    }

    @Test
    void xlsxOverHttpNamesFile() throws IOException {
        Captured http = run("export", FrontEnd.HTTP, ADMIN, Map.of("expression", "SELECT Person", "format", "xlsx", "fields", "name"));

        assertThat(http.status).isEqualTo(200);
        assertThat(http.headers).containsEntry("Content-Disposition", "attachment; filename=\"Person Export.xlsx\"");
        assertThat(http.body.toByteArray()).startsWith('P', 'K');
    }

    @Test
    void spreadsheetOverHttpSendsEmptyCacheHeaders() throws IOException {
        Captured http = run("export", FrontEnd.HTTP, ADMIN, Map.of("expression", "SELECT Person", "format", "spreadsheet", "fields", "name"));

        assertThat(http.headers).containsEntry("Pragma", "").containsEntry("Cache-Control", "");
        assertThat(http.contentType).isEqualTo("text/html; charset=UTF-8");
    }

    @Test
    void legacyCsvHasBomModelOrderAndObsolete() throws IOException {
        Captured cli = run("export.php", FrontEnd.CLI, ADMIN, Map.of("expression", "SELECT Organization", "format", "CSV",
                "fields", "code,name", "charset", "UTF-8", "no_localize", "1"));

        assertThat(cli.body.toByteArray()).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(cli.text()).endsWith("Name,Code\n\"Bluefin Systems\",\"BFS\"\n\"Cedar Works\",\"CDW\"\n\"Northwind Labs\",\"NWL\"\n"
                + "\"Old Harbor Co\",\"OHC\"\n");
    }

    private Captured legacyPerson(FrontEnd frontEnd, String format, String... extra) throws IOException {
        Map<String, String> values = new LinkedHashMap<>(Map.of("expression", "SELECT Person WHERE id = 12", "format", format,
                "charset", "UTF-8"));
        for (int i = 0; i < extra.length; i += 2) {
            values.put(extra[i], extra[i + 1]);
        }
        return run("export.php", frontEnd, ADMIN, values);
    }

    @Test
    void legacyAdvancedFieldsOverHttp() throws IOException {
        Captured http = legacyPerson(FrontEnd.HTTP, "csv", "fields_advanced", "1");

        assertThat(http.status).isEqualTo(200);
        assertThat(http.text()).isEqualTo("\uFEFFid,Last Name,Status,Organization,Organization->Name,Email,Organization->Name,"
                + "First Name,Location,Location->Name,Organization->Full name,Organization->Obsolete,Location->Full name\n"
                + "12,\"Varga\",\"Active\",2,\"Bluefin Systems\",\"\",\"Bluefin Systems\",\"Chlo\u00e9\",0,\"\","
                + "\"Bluefin Systems\",No,\"\"\n");
    }

    @Test
    void legacyAdvancedFieldsIgnoredWithFields() throws IOException {
        Captured advanced = legacyPerson(FrontEnd.HTTP, "csv", "fields_advanced", "1", "fields", "first_name,name");
        Captured plain = legacyPerson(FrontEnd.HTTP, "csv", "fields", "first_name,name");

        assertThat(advanced.text()).isEqualTo(plain.text());
        assertThat(advanced.text()).isEqualTo("\uFEFFLast Name,First Name\n\"Varga\",\"Chlo\u00e9\"\n");
    }

    @Test
    void legacyAdvancedFieldsIgnoredInCli() throws IOException {
        Captured advanced = legacyPerson(FrontEnd.CLI, "csv", "fields_advanced", "1");
        Captured plain = legacyPerson(FrontEnd.CLI, "csv");

        assertThat(advanced.text()).isEqualTo(plain.text());
        assertThat(advanced.text()).isEqualTo("\uFEFFLast Name,Status,Email,Organization->Name,First Name,"
                + "Organization->Full name,Organization->Obsolete,Location->Full name\n"
                + "\"Varga\",\"Active\",\"\",\"Bluefin Systems\",\"Chlo\u00e9\",\"Bluefin Systems\",No,\"\"\n");
    }

    @Test
    void legacyAdvancedFieldsIgnoredByHtml() throws IOException {
        Captured advanced = legacyPerson(FrontEnd.HTTP, "html", "fields_advanced", "1");
        Captured plain = legacyPerson(FrontEnd.HTTP, "html");

        assertThat(advanced.text()).contains("Varga");
        assertThat(advanced.text()).isEqualTo(plain.text());
    }

    @Test
    void legacyAdvancedFieldsInSpreadsheet() throws IOException {
        Captured http = legacyPerson(FrontEnd.HTTP, "spreadsheet", "fields_advanced", "1");

        assertThat(http.text()).contains("<tr>\n<td>id</td>\n<td>Last Name</td>\n<td>Status</td>\n<td>Organization</td>\n"
                + "<td>Organization-&gt;Name</td>\n<td>Email</td>\n<td>Organization-&gt;Name</td>\n<td>First Name</td>\n"
                + "<td>Location</td>\n<td>Location-&gt;Name</td>\n<td>Organization-&gt;Full name</td>\n"
                + "<td>Organization-&gt;Obsolete</td>\n<td>Location-&gt;Full name</td>\n</tr>\n");
        assertThat(http.text()).contains("<tr><td>12</td><td x:str>Varga</td><td x:str>Active</td><td>2</td>"
                + "<td x:str>Bluefin Systems</td>");
    }

    @Test
    void legacyFieldErrorIsHtmlPage() throws IOException {
        Captured cli = run("export.php", FrontEnd.CLI, ADMIN, Map.of("expression", "SELECT Organization", "format", "csv",
                "fields", "id,name"));

        assertThat(cli.result.exitCode()).isEqualTo(2);
        assertThat(cli.text()).contains("<p>Error the query can not be executed.</p>"
                + "<p>Invalid field specification id: id is not a valid attribute for Organization</p>");
    }

    @Test
    void legacyOqlErrorHighlightsText() throws IOException {
        Captured cli = run("export.php", FrontEnd.CLI, ADMIN, Map.of("expression", "SELEKT Crew"));

        assertThat(cli.text()).contains("Unexpected token NAME, found &apos;Crew&apos; in: SELEKT <span style=\"font-weight: bolder\">Crew</span>");
    }

    @Test
    void legacyUnknownFormatIsReported() throws IOException {
        Captured cli = run("export.php", FrontEnd.CLI, ADMIN, Map.of("expression", "SELECT Organization", "format", "json"));

        assertThat(cli.result.exitCode()).isEqualTo(2);
        assertThat(cli.text()).contains("Unsupported format &apos;json&apos;. Possible values are: html, csv, spreadsheet or xml.");
    }

    @Test
    void legacyWithoutExpressionPrintsUsage() throws IOException {
        Captured cli = run("export.php", FrontEnd.CLI, ADMIN, Map.of());

        assertThat(cli.result.exitCode()).isEqualTo(2);
        assertThat(cli.text()).startsWith("USAGE:\nGeneral purpose export page.\nParameters:\n * expression:");
    }

    @Test
    void failureWhileWritingGoesToStandardError() throws IOException {
        Parameters parameters = Parameters.builder().httpRequest(Map.of("expression", "SELECT Organization", "format", "csv",
                "fields", "name")).build();
        ServiceContext context = new ServiceContext(FrontEnd.CLI, database, ExportFixture.MAPPING, ADMIN, warnings::add,
                Clock.systemUTC());
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        warnings.clear();

        ServiceResult result = ServiceRegistry.discover().find("export").orElseThrow().run(context, parameters, ServiceOutput.of(broken));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(warnings).containsExactly("ERROR: Export failed: 'No space left on device'");
    }

    @Test
    void explainPrintsSqlWithoutRunning() throws IOException {
        Captured cli = run("export", FrontEnd.CLI, ADMIN, Map.of("expression", "SELECT Organization WHERE code = 'BFS'",
                "format", "csv", "fields", "name", "explain", "1"));

        assertThat(cli.result.exitCode()).isZero();
        assertThat(cli.text()).startsWith("SELECT o0.id, o0.finalclass").contains("\n$1 = inactive\n$2 = BFS\n").doesNotContain("Bluefin");
    }

    @Test
    void httpContentTypeNamesCharset() throws IOException {
        Captured http = run("export", FrontEnd.HTTP, ADMIN, Map.of("expression", "SELECT Person WHERE id = 12", "format", "csv",
                "fields", "first_name", "charset", "ISO-8859-1"));

        assertThat(http.contentType).isEqualTo("text/csv;charset=iso-8859-1");
        assertThat(http.body.toByteArray()).endsWith('C', 'h', 'l', 'o', 0xE9, '"', '\n');
    }
}
