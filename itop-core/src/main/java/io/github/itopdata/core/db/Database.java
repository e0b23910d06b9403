package io.github.itopdata.core.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The product's PostgreSQL database: a connection pool on an external server, or on the
 * embedded server that this object starts and stops.
 *
 * <p>Close it to release the pool and, for the embedded server, to stop PostgreSQL cleanly.
 */
public final class Database implements AutoCloseable {

    /**
     * Components whose internal tables are migrated, in dependency order. A component without
     * a migration index is skipped.
     */
    public static final List<String> COMPONENTS =
            List.of("db", "store", "auth", "query", "imports", "export", "synchro", "cron");

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final DatabaseSettings settings;
    private final EmbeddedPostgres embedded;
    private final HikariDataSource pool;
    private final Jdbi jdbi;

    private Database(DatabaseSettings settings, EmbeddedPostgres embedded, HikariDataSource pool) {
        this.settings = settings;
        this.embedded = embedded;
        this.pool = pool;
        this.jdbi = Jdbi.create(pool);
    }

    /**
     * Connects to the configured database, starting the embedded server first when no external
     * server is configured. Does not migrate; call {@link #migrate()} for that.
     */
    public static Database open(DatabaseSettings settings) {
        EmbeddedPostgres embedded = null;
        String url;
        String user;
        String password;
        if (settings.isEmbedded()) {
            embedded = startEmbedded(settings);
            url = embedded.getJdbcUrl("postgres", "postgres");
            user = "postgres";
            password = "";
        } else {
            url = settings.jdbcUrl().get();
            user = settings.user();
            password = settings.password();
        }
        try {
            return new Database(settings, embedded, createPool(url, user, password));
        } catch (RuntimeException e) {
            if (embedded != null) {
                closeEmbedded(embedded, e);
            }
            throw new DatabaseException("Could not connect to " + settings + ": " + e.getMessage(), e);
        }
    }

    private static EmbeddedPostgres startEmbedded(DatabaseSettings settings) {
        try {
            Files.createDirectories(settings.dataDirectory());
            LOG.info("Starting embedded PostgreSQL in {}", settings.dataDirectory());
            return EmbeddedPostgres.builder()
                    .setDataDirectory(settings.dataDirectory())
                    .setCleanDataDirectory(false)
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new DatabaseException("Could not start the embedded PostgreSQL in " + settings.dataDirectory()
                    + ": " + e.getMessage(), e);
        }
    }

    private static HikariDataSource createPool(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setPoolName("itop");
        config.setMaximumPoolSize(10);
        config.setMinimumIdle(0);
        return new HikariDataSource(config);
    }

    /** Applies the pending migrations of every component's internal tables. */
    public Database migrate() {
        Migrations.apply(pool, COMPONENTS);
        return this;
    }

    public DataSource dataSource() {
        return pool;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DatabaseSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        pool.close();
        if (embedded != null) {
            closeEmbedded(embedded, null);
        }
    }

    private static void closeEmbedded(EmbeddedPostgres embedded, Exception primary) {
        try {
            embedded.close();
        } catch (IOException e) {
            if (primary != null) {
                primary.addSuppressed(e);
            } else {
                throw new DatabaseException("Could not stop the embedded PostgreSQL: " + e.getMessage(), e);
            }
        }
    }
}
