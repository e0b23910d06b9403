package io.github.itopdata.core.imports;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.db.DatabaseSettings;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs one Gadget import in a process of its own, so that a test can kill it with SIGKILL.
 * Arguments: JDBC URL, CSV file.
 */
public final class ImportKillTarget {

    private ImportKillTarget() {
    }

    public static void main(String[] arguments) throws Exception {
        try (Database database = Database.open(DatabaseSettings.external(arguments[0], "postgres", ""))) {
            CsvImporter importer = new CsvImporter(database.jdbi(), ReferenceModel.build());
            ImportRequest request = ImportRequest.fromParameters(Map.of("class", "Gadget", "charset", "UTF-8",
                    "no_localize", "1"));
            importer.run(request, ImportInput.of(Path.of(arguments[1])), ImportUser.trusted("Killed run"),
                    OutputStream.nullOutputStream());
        }
    }
}
