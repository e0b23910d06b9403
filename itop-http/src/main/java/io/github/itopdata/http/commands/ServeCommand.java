package io.github.itopdata.http.commands;

import io.github.itopdata.core.auth.Authenticator;
import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.service.ServiceRegistry;
import io.github.itopdata.core.store.SchemaMapping;
import io.github.itopdata.http.HttpSettings;
import io.github.itopdata.http.ItopHttpServer;
import io.github.itopdata.http.ItopServiceEndpoint;
import io.github.itopdata.paramfile.Parameters;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code itop serve}: runs the HTTP endpoint until the process is asked to stop (SIGTERM or
 * Ctrl-C), then lets running requests finish within {@code http_shutdown_timeout}.
 */
public final class ServeCommand {

    public static final String USAGE = String.join("\n",
            "USAGE: itop serve [--http_bind=<address>] [--http_port=<port>] [--name=value ...]",
            "Serves import, export, synchro and cron at iTop's paths, and /webservices/status.php.",
            "  http_bind                      address to listen on, default 127.0.0.1",
            "  http_port                      TCP port, default 8080; 0 picks a free port",
            "  http_max_body_bytes            largest request body, default 1073741824 (1 GiB)",
            "  http_max_header_bytes          largest request headers, default 16384",
            "  http_request_timeout           seconds one request may take, default 3600",
            "  http_max_concurrent_requests   requests processed at once, default 16",
            "  http_max_queued_requests       requests waiting for a slot, default 64",
            "  http.allow_credentials_in_query  read auth_user/auth_pwd from the query string, default true",
            "  http_shutdown_timeout          seconds running requests get at shutdown, default 30",
            "");

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    private final Database database;
    private final SchemaMapping schema;
    private final ServiceRegistry registry;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private volatile ItopHttpServer server;

    public ServeCommand(Database database, SchemaMapping schema, ServiceRegistry registry) {
        this.database = database;
        this.schema = schema;
        this.registry = registry;
    }

    /**
     * Starts the endpoint with the settings found in the parameters and blocks until
     * {@link #stop()} is called or the JVM shuts down.
     *
     * @return 0 after a clean stop, 2 for an invalid setting, 1 when the server could not start
     */
    public int run(Parameters parameters, PrintStream err) {
        HttpSettings settings;
        try {
            settings = HttpSettings.fromParameters(parameters);
        } catch (IllegalArgumentException e) {
            err.println("ERROR: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }

        ItopHttpServer started = new ItopHttpServer(settings, database, new Authenticator(database),
                ItopServiceEndpoint.all(registry.services(), database, schema));
        try {
            started.start();
        } catch (Exception e) {
            err.println("ERROR: Could not start the HTTP endpoint on " + settings.bindAddress() + ":" + settings.port()
                    + ": " + e.getMessage() + "; choose another http_port or http_bind");
            stopQuietly(started);
            return 1;
        }
        server = started;
        err.println("Serving on " + started.baseUri() + " (stop with Ctrl-C)");
        Thread hook = new Thread(this::stop, "itop-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        try {
            stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopQuietly(started);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and runs the hook itself.
        }
        return 0;
    }

    /** Returns the running server, or {@code null} before it started. */
    public ItopHttpServer server() {
        return server;
    }

    /** Stops the endpoint gracefully and makes {@link #run} return. */
    public void stop() {
        ItopHttpServer running = server;
        if (running != null) {
            stopQuietly(running);
        }
        stopRequested.countDown();
    }

    private static void stopQuietly(ItopHttpServer target) {
        try {
            target.stop();
        } catch (Exception e) {
            LOG.warn("Could not stop the HTTP endpoint cleanly: {}", e.toString());
        }
    }
}
