package io.github.itopdata.core.testing;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.db.DatabaseSettings;
import io.github.itopdata.core.db.internal.EmbeddedServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands tests a real PostgreSQL database.
 *
 * <p>One embedded server runs per test JVM and stops when the JVM exits. Each test class gets a
 * database of its own, created empty and migrated, and shared by the tests of that class: a
 * {@link Database} parameter of a test method, constructor or {@code @BeforeAll}/{@code
 * @BeforeEach} method receives it. {@link #server()} gives tests that need a second database
 * or raw connections the server itself.
 */
public final class PostgresExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(PostgresExtension.class);
    private static final AtomicInteger DATABASE_COUNTER = new AtomicInteger();
    private static EmbeddedPostgres server;

    /** Returns the embedded server shared by the tests of this JVM, starting it if needed. */
    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                Path dir = Files.createTempDirectory("itop-test-pg");
                server = EmbeddedServers.builder(dir)
                        .setCleanDataDirectory(true)
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setServerConfig("max_connections", "300")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL for tests", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    System.err.println("Could not stop the test PostgreSQL: " + e);
                }
            }, "stop-test-postgres"));
        }
        return server;
    }

    /** Creates a new empty database on the shared server and returns its JDBC URL. */
    public static String createDatabase(String prefix) {
        String name = (prefix + "_" + DATABASE_COUNTER.incrementAndGet()).toLowerCase().replaceAll("[^a-z0-9_]", "_");
        try (Connection connection = server().getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name, e);
        }
        return server().getJdbcUrl("postgres", name);
    }

    /** Opens a migrated database of its own, for a test that needs more than the class one. */
    public static Database openFreshDatabase(String prefix) {
        String url = createDatabase(prefix);
        return Database.open(DatabaseSettings.external(url, "postgres", "")).migrate();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == Database.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext)
            throws ParameterResolutionException {
        ExtensionContext classContext = extensionContext;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        String prefix = classContext.getRequiredTestClass().getSimpleName();
        return classContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent("database", key -> new ClosableDatabase(openFreshDatabase(prefix)),
                        ClosableDatabase.class)
                .database();
    }

    /** Closes the class's database when JUnit closes the class's store. */
    private record ClosableDatabase(Database database) implements AutoCloseable {
        @Override
        public void close() {
            database.close();
        }
    }
}
