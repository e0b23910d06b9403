package io.github.itopdata.core.synchro;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.db.DatabaseSettings;
import io.github.itopdata.core.imports.ImportInput;
import io.github.itopdata.core.model.DefaultModel;
import io.github.itopdata.core.service.FrontEnd;
import io.github.itopdata.core.service.ServiceContext;
import io.github.itopdata.core.service.ServiceOutput;
import io.github.itopdata.core.service.ServiceResult;
import io.github.itopdata.core.store.SchemaMapping;
import io.github.itopdata.paramfile.ParameterOrigin;
import io.github.itopdata.paramfile.Parameters;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Runs one synchro_import with synchronize=1 in its own JVM, for the tests of concurrent and
 * interrupted runs. Arguments: JDBC URL, data source id, CSV file, max_chunk_size. Prints the
 * service output on standard output and exits with the service's exit code.
 */
public final class SynchroWorker {

    private SynchroWorker() {
    }

    public static void main(String[] args) throws Exception {
        try (Database database = Database.open(DatabaseSettings.external(args[0], "postgres", ""))) {
            SchemaMapping mapping = SchemaMapping.of(DefaultModel.load());
            Parameters parameters = Parameters.builder()
                    .add("data_source_id", args[1], ParameterOrigin.argument(1))
                    .add("synchronize", "1", ParameterOrigin.argument(2))
                    .add("max_chunk_size", args[3], ParameterOrigin.argument(3))
                    .add("synchro_lock_wait", "600", ParameterOrigin.argument(4))
                    .build();
            ServiceContext context = new ServiceContext(FrontEnd.CLI, database, mapping, SynchroFixture.ADMIN,
                    System.err::println, Clock.systemUTC());
            ServiceResult result = new SynchroImportService().run(context, parameters, ImportInput.of(Path.of(args[2])),
                    ServiceOutput.of(System.out));
            System.out.flush();
            System.exit(result.exitCode());
        }
    }
}
