package io.github.itopdata.cli.admin;

import io.github.itopdata.cli.Command;
import io.github.itopdata.cli.CommandContext;
import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.config.ItopConfig;
import io.github.itopdata.core.model.LoadedModel;
import io.github.itopdata.core.model.ModelWarning;
import io.github.itopdata.core.service.ServiceRegistry;
import io.github.itopdata.core.store.SchemaMapping;
import io.github.itopdata.core.store.StoreSchema;
import io.github.itopdata.http.commands.ServeCommand;
import io.github.itopdata.paramfile.Parameters;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code itop serve}: the HTTP endpoint, with the services found on the class path. */
public final class ServeCliCommand implements Command {

    private static final List<String> SETTINGS = List.of("http_bind", "http_port", "http_max_body_bytes",
            "http_max_header_bytes", "http_request_timeout", "http_idle_timeout", "http_max_concurrent_requests",
            "http_max_queued_requests", "http_queue_wait", "http_response_buffer_bytes", "http_spool_dir",
            "http.allow_credentials_in_query", "http_allow_credentials_in_query", "http_shutdown_timeout");

    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String summary() {
        return "Serve the services over HTTP at iTop's paths";
    }

    @Override
    public String usage() {
        return ServeCommand.USAGE;
    }

    @Override
    public Set<String> knownParameters() {
        Set<String> names = new HashSet<>(SETTINGS);
        names.addAll(DatabaseOpener.PARAMETERS);
        return names;
    }

    @Override
    public int run(CommandContext context, Parameters parameters) {
        ItopConfig config = DatabaseOpener.config(context, parameters);
        LoadedModel model = config.loadModel();
        for (ModelWarning warning : model.warnings()) {
            context.stderr().println("Warning: " + warning.message());
        }
        try (Database database = Database.open(config.databaseSettings()).migrate()) {
            SchemaMapping schema = SchemaMapping.of(model.model());
            StoreSchema.apply(database.jdbi(), schema);
            return new ServeCommand(database, schema, ServiceRegistry.discover()).run(parameters, context.stderr());
        }
    }
}
