package io.github.itopdata.core.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.imports.CsvImporter;
import io.github.itopdata.core.imports.ImportInput;
import io.github.itopdata.core.imports.ImportRequest;
import io.github.itopdata.core.imports.ImportUser;
import io.github.itopdata.core.model.DefaultModel;
import io.github.itopdata.core.model.Model;
import io.github.itopdata.core.store.SchemaMapping;
import io.github.itopdata.core.store.StoreSchema;
import io.github.itopdata.core.testing.PostgresExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    /** File name, class, reconciliation keys, in load order. */
    private static final List<String[]> FILES = List.of(
            new String[] {"01-Organization.csv", "Organization", "name"},
            new String[] {"02-Location.csv", "Location", "name,org_id->name"},
            new String[] {"03-ContactType.csv", "ContactType", "name"},
            new String[] {"04-Person.csv", "Person", "name,first_name,org_id->name"},
            new String[] {"05-Team.csv", "Team", "name,org_id->name"},
            new String[] {"06-lnkPersonToTeam.csv", "lnkPersonToTeam", "team_id->name,person_id->name"},
            new String[] {"07-Brand.csv", "Brand", "name"},
            new String[] {"08-Model.csv", "Model", "name,brand_id->name"},
            new String[] {"09-OSFamily.csv", "OSFamily", "name"},
            new String[] {"10-OSVersion.csv", "OSVersion", "name,osfamily_id->name"},
            new String[] {"11-NetworkDeviceType.csv", "NetworkDeviceType", "name"},
            new String[] {"12-Software.csv", "Software", "name,version,vendor"},
            new String[] {"13-Rack.csv", "Rack", "name,org_id->name"},
            new String[] {"14-Server.csv", "Server", "name,org_id->name"},
            new String[] {"15-NetworkDevice.csv", "NetworkDevice", "name,org_id->name"},
            new String[] {"16-Farm.csv", "Farm", "name,org_id->name"},
            new String[] {"17-Hypervisor.csv", "Hypervisor", "name,org_id->name"},
            new String[] {"18-VirtualMachine.csv", "VirtualMachine", "name,org_id->name"},
            new String[] {"19-DBServer.csv", "DBServer", "name,org_id->name,system_id->name"},
            new String[] {"20-DatabaseSchema.csv", "DatabaseSchema", "name,org_id->name"},
            new String[] {"21-WebServer.csv", "WebServer", "name,org_id->name,system_id->name"},
            new String[] {"22-WebApplication.csv", "WebApplication", "name,org_id->name"},
            new String[] {"23-ApplicationSolution.csv", "ApplicationSolution", "name,org_id->name"},
            new String[] {"24-lnkApplicationSolutionToFunctionalCI.csv", "lnkApplicationSolutionToFunctionalCI",
                    "applicationsolution_id->name,functionalci_id->name"});

    private static Path csvDirectory() {
        String shared = System.getProperty("itop.shared.dir");
        assumeTrue(shared != null, "system property itop.shared.dir is not set");
        Path directory = Path.of(shared, "data", "itop-sample", "csv");
        assumeTrue(Files.isDirectory(directory), "iTop's sample CSV files are not at " + directory);
        return directory;
    }

    private static String importData(CsvImporter importer, ImportInput input, String className, String keys) throws IOException {
        ImportRequest request = ImportRequest.fromParameters(Map.of("class", className, "charset", "UTF-8",
                "no_localize", "1", "reconciliationkeys", keys, "output", "summary"));
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        importer.run(request, input, ImportUser.trusted("Round trip"), output);
        return output.toString(StandardCharsets.UTF_8);
    }

    @Test
    void exportedDemoDataImportsUnchanged(Database database) throws IOException {
        Path directory = csvDirectory();
        Model model = DefaultModel.load();
        SchemaMapping mapping = SchemaMapping.of(model);
        StoreSchema.apply(database.jdbi(), mapping);
        CsvImporter importer = new CsvImporter(database.jdbi(), model);
        for (String[] file : FILES) {
            String output = importData(importer, ImportInput.of(directory.resolve(file[0])), file[1], file[2]);
            assertThat(output).as("loading " + file[0]).contains("#Issues: 0\n");
        }
        Exporter exporter = new Exporter(database, mapping);

        for (String[] file : FILES) {
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
