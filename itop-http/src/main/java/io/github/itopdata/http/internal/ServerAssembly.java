package io.github.itopdata.http.internal;

import io.github.itopdata.core.auth.Authenticator;
import io.github.itopdata.core.db.Database;
import io.github.itopdata.http.HttpService;
import io.github.itopdata.http.HttpSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds and runs the Jetty server: connector with the header limit and idle timeout, then
 * graceful shutdown, concurrency limit and the service handler, with the access log and the
 * plain-text error pages.
 */
public final class ServerAssembly {

    private static final Logger LOG = LoggerFactory.getLogger(ServerAssembly.class);

    private final HttpSettings settings;
    private final Database database;
    private final Authenticator authenticator;
    private final Map<String, HttpService> servicesByPath = new LinkedHashMap<>();
    private Server server;
    private ServerConnector connector;
    private ScheduledExecutorService watchdog;
    private Path spoolDirectory;

    public ServerAssembly(HttpSettings settings, Database database, Authenticator authenticator,
            List<HttpService> services) {
        this.settings = settings;
        this.database = database;
        this.authenticator = authenticator;
        for (HttpService service : services) {
            for (String path : service.paths()) {
                HttpService previous = servicesByPath.putIfAbsent(path, service);
                if (previous != null) {
                    throw new IllegalArgumentException("Two services claim the path " + path + ": "
                            + previous.getClass().getName() + " and " + service.getClass().getName());
                }
            }
        }
    }

    public synchronized void start() throws Exception {
        spoolDirectory = createSpoolDirectory();
        watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "itop-http-timeouts");
            thread.setDaemon(true);
            return thread;
        });

        QueuedThreadPool threads = new QueuedThreadPool(Math.max(settings.maxConcurrentRequests() + 16, 32));
        threads.setName("itop-http");
        server = new Server(threads);

        HttpConfiguration configuration = new HttpConfiguration();
        configuration.setRequestHeaderSize(settings.maxHeaderBytes());
        configuration.setSendServerVersion(false);
        configuration.setSendXPoweredBy(false);
        connector = new ServerConnector(server, new HttpConnectionFactory(configuration));
        connector.setHost(settings.bindAddress());
        connector.setPort(settings.port());
        connector.setIdleTimeout(settings.idleTimeout().toMillis());
        server.addConnector(connector);

        ServiceHandler services = new ServiceHandler(servicesByPath, new StatusPage(database), authenticator,
                settings, spoolDirectory, watchdog);
        ConcurrencyLimitHandler limit = new ConcurrencyLimitHandler(services, settings.maxConcurrentRequests(),
                settings.maxQueuedRequests(), settings.maxQueueWait());
        server.setHandler(new GracefulHandler(limit));
        server.setErrorHandler(new PlainTextErrorHandler(settings.maxHeaderBytes()));
        server.setRequestLog(new AccessLog());
        server.setStopTimeout(settings.shutdownTimeout().toMillis());
        server.setStopAtShutdown(false);

        server.start();
        LOG.info("HTTP endpoint listening on {} (services at {}; health at {})", baseUri(),
                String.join(", ", servicesByPath.keySet()), StatusPage.PATH);
    }

    public int port() {
        return connector.getLocalPort();
    }

    public URI baseUri() {
        String host = settings.bindAddress().contains(":") ? "[" + settings.bindAddress() + "]" : settings.bindAddress();
        return URI.create("http://" + host + ":" + port());
    }

    public Path spoolDirectory() {
        return spoolDirectory;
    }

    public void join() throws InterruptedException {
        server.join();
    }

    public synchronized void stop() throws Exception {
        if (server == null) {
            return;
        }
        LOG.info("Stopping the HTTP endpoint on {}; running requests get up to {} s to finish", baseUri(),
                settings.shutdownTimeout().toSeconds());
        try {
            server.stop();
        } finally {
            watchdog.shutdownNow();
            deleteSpoolDirectory();
            server = null;
        }
        LOG.info("HTTP endpoint stopped");
    }

    private Path createSpoolDirectory() throws IOException {
        Files.createDirectories(settings.spoolDirectory());
        return Files.createTempDirectory(settings.spoolDirectory(), "itop-http-");
    }

    private void deleteSpoolDirectory() {
        try (var paths = Files.walk(spoolDirectory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Could not delete the spool directory {}: {}", spoolDirectory, e.toString());
        }
    }
}
