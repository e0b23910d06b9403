package io.github.itopdata.http;

import io.github.itopdata.core.auth.Authenticator;
import io.github.itopdata.core.db.Database;
import io.github.itopdata.http.internal.ServerAssembly;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * The HTTP endpoint: an embedded Jetty server that serves the registered services at iTop's
 * paths, plus the health page {@code /webservices/status.php}.
 *
 * <p>Request bodies are spooled to temporary files, never held whole in memory. Body size,
 * header size, request time and concurrent requests are bounded by {@link HttpSettings}. A stop
 * lets running requests finish for up to {@link HttpSettings#shutdownTimeout()} while new ones
 * are refused.
 */
public final class ItopHttpServer implements AutoCloseable {

    private final ServerAssembly assembly;

    public ItopHttpServer(HttpSettings settings, Database database, Authenticator authenticator,
            List<HttpService> services) {
        // Each running request may hold one connection for its whole run and a second for its
        // login check or cursor, so the pool must not be the limit below the request limit.
        database.ensurePoolSize(2 * settings.maxConcurrentRequests() + 2);
        this.assembly = new ServerAssembly(settings, database, authenticator, services);
    }

    /** Starts listening; the log reports the address and port, useful when the port is 0. */
    public ItopHttpServer start() throws Exception {
        assembly.start();
        return this;
    }

    /** Returns the port listened on, once started. */
    public int port() {
        return assembly.port();
    }

    /** Returns the base URI, such as {@code http://127.0.0.1:8080}, once started. */
    public URI baseUri() {
        return assembly.baseUri();
    }

    /** Returns the directory holding the temporary files of running requests. */
    public Path spoolDirectory() {
        return assembly.spoolDirectory();
    }

    /** Waits until the server stops. */
    public void join() throws InterruptedException {
        assembly.join();
    }

    /** Stops accepting requests, lets running ones finish within the shutdown timeout, then stops. */
    public void stop() throws Exception {
        assembly.stop();
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
