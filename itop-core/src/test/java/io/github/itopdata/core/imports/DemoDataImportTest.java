package io.github.itopdata.core.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.model.DefaultModel;
import io.github.itopdata.core.model.Model;
import io.github.itopdata.core.store.SchemaMapping;
import io.github.itopdata.core.store.StoreSchema;
import io.github.itopdata.core.testing.DemoData;
import io.github.itopdata.core.testing.PostgresExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Loads iTop's demonstration data, as CSV files, into the bundled default model. */
@ExtendWith(PostgresExtension.class)
class DemoDataImportTest {

    private static String importFile(CsvImporter importer, Path file, String className, String keys)
            throws IOException {
        ImportRequest request = ImportRequest.fromParameters(Map.of("class", className, "charset", "UTF-8",
                "no_localize", "1", "reconciliationkeys", keys, "output", "details"));
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        importer.run(request, ImportInput.of(file), ImportUser.trusted("Demo loader"), output);
        return output.toString(StandardCharsets.UTF_8);
    }

    @Test
    void demoDataLoadsTwice(Database database) throws IOException {
        Path directory = DemoData.csvDirectory();
        Model model = DefaultModel.load();
        StoreSchema.apply(database.jdbi(), SchemaMapping.of(model));
        CsvImporter importer = new CsvImporter(database.jdbi(), model);

        for (String[] file : DemoData.FILES) {
            String output = importFile(importer, directory.resolve(file[0]), file[1], file[2]);
            String dataLines = output.lines().filter(l -> l.startsWith("#Data Lines: ")).findFirst().orElse(output);
            assertThat(output).as(file[0]).contains("#Issues: 0\n", "#Updated: 0\n", "#Unchanged: 0\n")
                    .contains("#Created: " + dataLines.substring("#Data Lines: ".length()) + "\n");
        }
        for (String[] file : DemoData.FILES) {
            String output = importFile(importer, directory.resolve(file[0]), file[1], file[2]);
            String dataLines = output.lines().filter(l -> l.startsWith("#Data Lines: ")).findFirst().orElse(output);
            assertThat(output).as(file[0] + " again").contains("#Issues: 0\n", "#Created: 0\n", "#Updated: 0\n")
                    .contains("#Unchanged: " + dataLines.substring("#Data Lines: ".length()) + "\n");
        }
    }
}
