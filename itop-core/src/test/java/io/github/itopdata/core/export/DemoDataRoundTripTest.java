package io.github.itopdata.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.imports.CsvImporter;
import io.github.itopdata.core.imports.ImportInput;
import io.github.itopdata.core.imports.ImportRequest;
import io.github.itopdata.core.imports.ImportUser;
import io.github.itopdata.core.model.DefaultModel;
import io.github.itopdata.core.model.Model;
import io.github.itopdata.core.store.SchemaMapping;
import io.github.itopdata.core.store.StoreSchema;
import io.github.itopdata.core.testing.DemoData;
import io.github.itopdata.core.testing.PostgresExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Loads iTop's demonstration data with the import engine, exports each class with
 * {@code no_localize=1} and the file's own columns, and imports the export again: every row
 * must come back unchanged.
 */
@ExtendWith(PostgresExtension.class)
class DemoDataRoundTripTest {

    private static String importData(CsvImporter importer, ImportInput input, String className, String keys) throws IOException {
        ImportRequest request = ImportRequest.fromParameters(Map.of("class", className, "charset", "UTF-8",
                "no_localize", "1", "reconciliationkeys", keys, "output", "summary"));
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        importer.run(request, input, ImportUser.trusted("Round trip"), output);
        return output.toString(StandardCharsets.UTF_8);
    }

    @Test
    void exportedDemoDataImportsUnchanged(Database database) throws IOException {
        Path directory = DemoData.csvDirectory();
        Model model = DefaultModel.load();
        SchemaMapping mapping = SchemaMapping.of(model);
        StoreSchema.apply(database.jdbi(), mapping);
        CsvImporter importer = new CsvImporter(database.jdbi(), model);
        for (String[] file : DemoData.FILES) {
            String output = importData(importer, ImportInput.of(directory.resolve(file[0])), file[1], file[2]);
            assertThat(output).as("loading " + file[0]).contains("#Issues: 0\n");
        }
        Exporter exporter = new Exporter(database, mapping);

        for (String[] file : DemoData.FILES) {
            String header = Files.readAllLines(directory.resolve(file[0]), StandardCharsets.UTF_8).get(0).replace("\uFEFF", "");
            ByteArrayOutputStream exported = new ByteArrayOutputStream();
            exporter.export(ExportRequest.builder().expression("SELECT " + file[1]).format(ExportFormat.CSV).fields(header)
                    .localized(false).includeObsolete(true).build(), exported);
            long rows = exported.toString(StandardCharsets.UTF_8).lines().count() - 1;

            String output = importData(importer, ImportInput.of(exported.toByteArray()), file[1], file[2]);

            assertThat(rows).as(file[0] + " exported rows").isPositive();
            assertThat(output).as("re-importing the export of " + file[1])
                    .contains("#Issues: 0\n", "#Created: 0\n", "#Updated: 0\n", "#Unchanged: " + rows + "\n");
        }
    }
}
