package io.github.itopdata.core.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.model.DefaultModel;
import io.github.itopdata.core.model.Model;
import io.github.itopdata.core.store.SchemaMapping;
import io.github.itopdata.core.store.StoreSchema;
import io.github.itopdata.core.testing.PostgresExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The example files of the README load into the default model, and load again unchanged. */
@ExtendWith(PostgresExtension.class)
class ExamplesImportTest {

    private static final Path EXAMPLES = Path.of(System.getProperty("user.dir")).getParent().resolve("examples");

    private static String run(CsvImporter importer, String file, String className, String keys) throws IOException {
        ImportRequest request = ImportRequest.fromParameters(keys.isEmpty()
                ? Map.of("class", className, "no_localize", "1")
                : Map.of("class", className, "no_localize", "1", "reconciliationkeys", keys));
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        importer.run(request, ImportInput.of(EXAMPLES.resolve(file)), ImportUser.trusted("Example"), output);
        return output.toString(StandardCharsets.UTF_8);
    }

    @Test
    void examplesLoadAndReloadUnchanged(Database database) throws IOException {
        Model model = DefaultModel.load();
        StoreSchema.apply(database.jdbi(), SchemaMapping.of(model));
        CsvImporter importer = new CsvImporter(database.jdbi(), model);

        for (int pass = 1; pass <= 2; pass++) {
            String organizations = run(importer, "organizations.csv", "Organization", "");
            String locations = run(importer, "locations.csv", "Location", "name,org_id->name");
            String persons = run(importer, "persons.csv", "Person", "name,first_name,org_id->name");

            String counter = pass == 1 ? "#Created: 2\n" : "#Unchanged: 2\n";
            assertThat(organizations).contains("#Issues: 0\n", counter);
            assertThat(locations).contains("#Issues: 0\n", counter);
            assertThat(persons).contains("#Issues: 0\n", counter);
        }
    }
}
