package io.github.itopdata.core.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.query.Phrasebook;
import io.github.itopdata.core.testing.PostgresExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDateTime;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentExportTest {

    private ExportFixture fixture;
    private Phrasebook phrasebook;

    @BeforeAll
    void load(Database database) {
        fixture = new ExportFixture(database, true);
        phrasebook = new Phrasebook(database.jdbi());
    }

    private static ExportRequest.Builder request(String oql, ExportFormat format, String fields) {
        return ExportRequest.builder().expression(oql).format(format).fields(fields);
    }

    @Test
    void xlsxReadsBackWithPoi() throws IOException {
        byte[] bytes = fixture.bytes(request("SELECT Server", ExportFormat.XLSX, "id,name,cpu_count,last_scan,purchase_date").build());

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            Sheet sheet = workbook.getSheet("Sheet1");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("id (Primary Key)");
            assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("Name");
            assertThat(sheet.getRow(1).getCell(0).getNumericCellValue()).isEqualTo(30.0);
            assertThat(sheet.getRow(1).getCell(1).getStringCellValue()).isEqualTo("srv-alpha");
            assertThat(sheet.getRow(1).getCell(2).getCellType()).isEqualTo(CellType.STRING);
            assertThat(sheet.getRow(1).getCell(2).getStringCellValue()).isEqualTo("8");
            assertThat(sheet.getRow(1).getCell(3).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2024, 5, 2, 14, 30));
            assertThat(sheet.getRow(1).getCell(3).getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd hh:mm:ss");
            assertThat(sheet.getRow(1).getCell(4).getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd");
            assertThat(sheet.getRow(2).getCell(3)).isNull();
            assertThat(sheet.getLastRowNum()).isEqualTo(2);
        }
    }

    @Test
    void xlsxAuthorIsTheUser() throws IOException {
        byte[] bytes = fixture.bytes(request("SELECT Server", ExportFormat.XLSX, "name")
                .builtInArguments(java.util.Map.of("current_user->login", "Mira Solberg")).build());

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            assertThat(workbook.getProperties().getCoreProperties().getCreator()).isEqualTo("Mira Solberg");
        }
    }

    @Test
    void xlsxPersonSheetHasLabels() throws IOException {
        byte[] bytes = fixture.bytes(request("SELECT Person", ExportFormat.XLSX, "name").build());

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(workbook.getSheetName(0)).isEqualTo("Sheet1");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Last Name");
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("Quill");
        }
    }

    @Test
    void xlsxWritesFormulaTextAsString() throws IOException {
        byte[] bytes = fixture.bytes(request("SELECT Server WHERE id = 30", ExportFormat.XLSX, "name").build());
        ExportPlan plan = fixture.exporter.prepare(request("SELECT Server WHERE id = 30", ExportFormat.XLSX, "name").build());

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            assertThat(workbook.getSheetAt(0).getRow(1).getCell(0).getCellType()).isEqualTo(CellType.STRING);
        }
        assertThat(plan.fileName()).isEqualTo("Server Export.xlsx");
        assertThat(plan.contentType()).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }

    @Test
    void htmlEscapesAndLinks() {
        String html = fixture.text(request("SELECT Server", ExportFormat.HTML, "name,org_id,notes").build());

        assertThat(html).contains("<table class=\"listResults\">\n<thead>\n<tr>\n<th>Name</th>\n<th>Organization</th>\n<th>Notes</th>\n</tr>\n</thead>\n<tbody>\n");
        assertThat(html).contains("<tr><td>srv-alpha</td><td><a href=\"pages/UI.php?operation=details&amp;class=Organization&amp;id=1\">"
                + "Northwind Labs</a></td><td>Rack 4, &quot;top&quot; shelf</td></tr><tr><td>srv-beta</td>");
        assertThat(html).contains("</tr></tbody>\n</table>\n");
    }

    @Test
    void htmlMailtoAndEmptyCells() {
        String html = fixture.text(request("SELECT Person WHERE id IN (10, 11)", ExportFormat.HTML, "email").build());

        assertThat(html).contains("<td><a class=\"mailto\" href=\"mailto:ada.quill@example.org\">ada.quill@example.org</a></td>");
        assertThat(html).contains("<td>&nbsp;</td>");
    }

    @Test
    void htmlEscapesHostileValues() {
        String html = fixture.text(request("SELECT Person WHERE name = \"O'Neil\"", ExportFormat.HTML, "name").includeObsolete(true).build());

        assertThat(html).contains("<td>O&apos;Neil</td>");
    }

    @Test
    void spreadsheetSplitsDateTimeAndMarksText() {
        String html = fixture.text(request("SELECT Server", ExportFormat.SPREADSHEET, "name,last_scan,cpu_count").build());

        assertThat(html).contains("table br {mso-data-placement:same-cell;}");
        assertThat(html).contains("<table border=\"1\">\n<tr>\n<td>Name</td>\n<td>Last scan (date)</td>\n<td>Last scan (time)</td>\n"
                + "<td>CPU count</td>\n</tr>\n");
        assertThat(html).contains("<tr><td x:str>srv-alpha</td><td>2024-05-02</td><td>14:30:00</td><td>8</td></tr>");
    }

    @Test
    void xmlListsActualClassesAndAttributes() {
        String xml = fixture.text(request("SELECT Contact", ExportFormat.XML, null).build());

        assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Set>\n<Person alias=\"Contact\" id=\"10\">\n"
                + "<name>Quill</name>\n<status>Active</status>\n<org_id>1</org_id>\n"
                + "<org_id_friendlyname>Northwind Labs</org_id_friendlyname>\n<org_name>Northwind Labs</org_name>\n"
                + "<org_id_obsolescence_flag>No</org_id_obsolescence_flag>\n<email>ada.quill@example.org</email>\n"
                + "<first_name>Ada</first_name>\n<location_id>0</location_id>\n<location_id_friendlyname></location_id_friendlyname>\n"
                + "<friendlyname>Ada Quill</friendlyname>\n<obsolescence_flag>No</obsolescence_flag>\n</Person>\n");
        assertThat(xml).contains("<Team alias=\"Contact\" id=\"20\">\n<name>Ops Team</name>\n");
        assertThat(xml).endsWith("</Team>\n</Set>\n");
    }

    @Test
    void xmlWrapsMultiAliasRowsAndMissingObjects() {
        String xml = fixture.text(request("SELECT P, L FROM Person AS P JOIN Location AS L ON P.location_id = L.id WHERE P.id = 10",
                ExportFormat.XML, null).build());

        assertThat(xml).contains("<Row>\n<Person alias=\"P\" id=\"10\">\n");
        assertThat(xml).contains("<Location alias=\"L\" id=\"null\">\n<name>null</name>\n<city>null</city>\n");
        assertThat(xml).endsWith("</Location>\n</Row>\n</Set>\n");
    }

    @Test
    void phrasebookEntrySuppliesQueryAndFields() {
        long id = phrasebook.add("B orgs", "SELECT Organization WHERE code LIKE 'B%'", "code,name");

        assertThat(fixture.text(ExportRequest.builder().queryId(id).format(ExportFormat.CSV).build()))
                .isEqualTo("\"Code\",\"Name\"\n\"BFS\",\"Bluefin Systems\"\n");
        assertThat(fixture.text(ExportRequest.builder().queryId(id).format(ExportFormat.CSV).fields("name").build()))
                .isEqualTo("\"Name\"\n\"Bluefin Systems\"\n");
        assertThat(phrasebook.find(id).orElseThrow().exportCount()).isZero();
    }

    @Test
    void unknownPhrasebookIdIsNotFound() {
        ExportException error = catchThrowableOfType(ExportException.class,
                () -> fixture.text(ExportRequest.builder().queryId(999L).format(ExportFormat.CSV).build()));

        assertThat(error.lines()).containsExactly("Invalid query phrasebook identifier: '999'");
        assertThat(error.reason().httpStatus()).isEqualTo(404);
    }

    @Test
    void outputFailureEndsInExportFailed() {
        OutputStream failing = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        ExportPlan plan = fixture.exporter.prepare(request("SELECT Organization", ExportFormat.CSV, "name").build());

        ExportException error = catchThrowableOfType(ExportException.class, () -> fixture.exporter.write(plan, failing));

        assertThat(error.reason().exitCode()).isEqualTo(1);
        assertThat(error.reason().httpStatus()).isEqualTo(500);
        assertThat(error.lines()).containsExactly("Export failed: 'Broken pipe'");
    }
}
