package io.github.itopdata.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.store.StoreSchema;
import io.github.itopdata.core.testing.PostgresExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** 2,500 organizations, two of them with values a spreadsheet would take for formulas. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LargeAndFormulaExportTest {

    private ExportFixture fixture;

    @BeforeAll
    void load(Database database) {
        StoreSchema.apply(database.jdbi(), ExportFixture.MAPPING);
        database.jdbi().useHandle(handle -> {
            handle.execute("INSERT INTO obj_organization (id, finalclass, name, code, status) SELECT i, 'Organization',"
                    + " 'Org ' || lpad(i::text, 5, '0'), 'C' || i, 'active' FROM generate_series(3, 2500) i");
            handle.execute("INSERT INTO obj_organization (id, finalclass, name, code, status) VALUES"
                    + " (1, 'Organization', 'Aaa formula', '=SUM(A1)', 'active'), (2, 'Organization', 'Aab number', '-5', 'active')");
            handle.execute("INSERT INTO obj_server (id, finalclass, name, org_id, notes) VALUES (1, 'Server', '<script>alert(1)</script>', 1,"
                    + " '<p onclick=\"steal()\">Rack <b>4</b></p><script>steal()</script>')");
        });
        fixture = new ExportFixture(database, false);
    }

    @Test
    void everyRowExportedOnce() {
        List<String> lines = fixture.text(ExportFixture.csv("SELECT Organization", "id").build()).lines().toList();

        Set<String> distinct = new HashSet<>(lines.subList(1, lines.size()));
        assertThat(lines).hasSize(2501);
        assertThat(distinct).hasSize(2500);
    }

    @Test
    void fetchSizeDoesNotChangeOutput(Database database) {
        ExportRequest request = ExportFixture.csv("SELECT Organization", "id,name,code").build();
        java.io.ByteArrayOutputStream small = new java.io.ByteArrayOutputStream();
        new Exporter(database, ExportFixture.MAPPING, new io.github.itopdata.core.query.OqlCompiler(ExportFixture.MAPPING.model()), 7)
                .export(request, small);

        assertThat(small.toByteArray()).isEqualTo(fixture.bytes(request));
    }

    @Test
    void htmlFormatsEscapeOrCleanMarkup() {
        String html = fixture.text(ExportRequest.builder().expression("SELECT Server").format(ExportFormat.HTML)
                .fields("name,notes").build());
        String spreadsheet = fixture.text(ExportRequest.builder().expression("SELECT Server").format(ExportFormat.SPREADSHEET)
                .fields("name,notes").build());

        assertThat(html).contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td><td>Rack 4</td>").doesNotContain("<script>");
        assertThat(spreadsheet).contains("<td x:str>&lt;script&gt;alert(1)&lt;/script&gt;</td>")
                .contains("<span>Rack <b>4</b></span><br/>").doesNotContain("<script>").doesNotContain("onclick");
    }

    @Test
    void csvKeepsFormulaByDefault() {
        assertThat(fixture.text(ExportFixture.csv("SELECT Organization WHERE id IN (1, 2)", "name,code").build()))
                .isEqualTo("\"Name\",\"Code\"\n\"Aaa formula\",\"=SUM(A1)\"\n\"Aab number\",\"-5\"\n");
    }

    @Test
    void csvNeutralizesFormulaOnRequest() {
        assertThat(fixture.text(ExportFixture.csv("SELECT Organization WHERE id IN (1, 2)", "name,code").neutralizeFormulas(true).build()))
                .isEqualTo("\"Name\",\"Code\"\n\"Aaa formula\",\"'=SUM(A1)\"\n\"Aab number\",\"-5\"\n");
    }

    @Test
    void xlsxWritesFormulaAsString() throws IOException {
        byte[] bytes = fixture.bytes(ExportRequest.builder().expression("SELECT Organization WHERE id = 1")
                .format(ExportFormat.XLSX).fields("code").build());

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            assertThat(workbook.getSheetAt(0).getRow(1).getCell(0).getCellType()).isEqualTo(CellType.STRING);
            assertThat(workbook.getSheetAt(0).getRow(1).getCell(0).getStringCellValue()).isEqualTo("=SUM(A1)");
        }
    }

    @Test
    void spreadsheetMarksFormulaAsText() {
        assertThat(fixture.text(ExportRequest.builder().expression("SELECT Organization WHERE id = 1")
                .format(ExportFormat.SPREADSHEET).fields("code").build())).contains("<td x:str>=SUM(A1)</td>");
    }
}
