package io.github.itopdata.core.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.itopdata.core.db.internal.CurrentCommand;
import io.github.itopdata.core.db.internal.DataDirectoryLock;
import io.github.itopdata.core.db.internal.EmbeddedServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The product's PostgreSQL database: a connection pool on an external server, or on the
 * embedded server that this object starts and stops.
 *
 * <p>With the embedded server, the command holds an exclusive lock on the data directory from
 * {@link #open} to {@link #close}: a second {@code open} on the same directory, from this or
 * another process, waits for it (see {@link DatabaseSettings#lockWait()}).
 *
 * <p>Close it to release the pool and, for the embedded server, to stop PostgreSQL cleanly and
 * release the lock. A JVM that exits without closing it still stops the server through the
 * library's shutdown hook; one killed by SIGKILL leaves the server running, and the next
 * {@code open} stops that server before starting its own.
 */
public final class Database implements AutoCloseable {

    /**
     * Components whose internal tables are migrated, in dependency order. A component without
     * a migration index is skipped.
     */
    public static final List<String> COMPONENTS =
            List.of("db", "store", "auth", "query", "imports", "export", "synchro", "cron");

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    /**
     * Largest pool that {@link #ensurePoolSize} sets, below PostgreSQL's default
     * {@code max_connections} of 100 so that other clients and superuser slots keep room.
     */
    public static final int MAX_POOL_SIZE = 80;

    private final DatabaseSettings settings;
    private final DataDirectoryLock lock;
    private final EmbeddedPostgres embedded;
    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Database(DatabaseSettings settings, DataDirectoryLock lock, EmbeddedPostgres embedded, HikariDataSource pool) {
        this.settings = settings;
        this.lock = lock;
        this.embedded = embedded;
        this.pool = pool;
        this.jdbi = Jdbi.create(pool);
    }

    /**
     * Connects to the configured database. With the embedded server, first locks the data
     * directory (waiting for another command that holds it) and starts the server, creating its
     * cluster on the first run. Does not migrate; call {@link #migrate()} for that.
     *
     * @throws DataDirectoryLockedException when another command kept the data directory longer
     *     than the settings' lock wait
     * @throws DatabaseException when the server cannot be started or reached
     */
    public static Database open(DatabaseSettings settings) {
        if (!settings.isEmbedded()) {
            try {
                return new Database(settings, null, null,
                        createPool(settings.jdbcUrl().get(), settings.user(), settings.password()));
            } catch (RuntimeException e) {
                throw new DatabaseException("Could not connect to " + settings + ": " + e.getMessage()
                        + ". Check db_url, db_user and db_password, and that the server accepts connections.", e);
            }
        }

        DataDirectoryLock lock = DataDirectoryLock.acquire(settings.lockFile(), settings.lockWait(), CurrentCommand.describe());
        EmbeddedPostgres embedded = null;
        try {
            EmbeddedServers.Started started = EmbeddedServers.start(settings.clusterDirectory(), settings.passwordFile());
            embedded = started.server();
            HikariDataSource pool = createPool(embedded.getJdbcUrl("postgres", "postgres"), "postgres", started.password());
            LOG.info("Embedded PostgreSQL is running on localhost port {} with data in {}", embedded.getPort(),
                    settings.dataDirectory());
            return new Database(settings, lock, embedded, pool);
        } catch (RuntimeException e) {
            if (embedded != null) {
                closeEmbedded(embedded, e);
            }
            lock.close();
            if (e instanceof DatabaseException) {
                throw e;
            }
            throw new DatabaseException("Could not connect to " + settings + ": " + e.getMessage(), e);
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

    /**
     * Raises the maximum number of pooled connections to {@code connections}, at most
     * {@link #MAX_POOL_SIZE}; a smaller number leaves the pool as it is. A front-end that runs
     * several long requests at once calls it, because each run keeps a connection until it ends.
     * A request that waits for a connection fails after the pool's connection timeout.
     *
     * @return the maximum pool size now in force
     */
    public int ensurePoolSize(int connections) {
        int requested = Math.min(connections, MAX_POOL_SIZE);
        if (requested > pool.getMaximumPoolSize()) {
            pool.getHikariConfigMXBean().setMaximumPoolSize(requested);
            LOG.info("Connection pool raised to {} connections", requested);
        }
        return pool.getMaximumPoolSize();
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

    /** Returns whether this database runs on the embedded server of a data directory. */
    public boolean isEmbedded() {
        return embedded != null;
    }

    /** Closes the pool, then stops the embedded server and releases the data directory. Idempotent. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        try {
            pool.close();
            if (embedded != null) {
                closeEmbedded(embedded, null);
                LOG.info("Stopped the embedded PostgreSQL of {}", settings.dataDirectory());
            }
        } finally {
            if (lock != null) {
                lock.close();
            }
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
