package io.github.itopdata.core.cron.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lock that allows one cron loop per database: a PostgreSQL session-level advisory lock held
 * on a connection of its own for the whole run.
 *
 * <p>PostgreSQL scopes advisory locks to the current database, so loops on two databases of one
 * server never block each other, while two loops on one database block each other whichever
 * machine they run on. The lock belongs to the session: when the process dies, the server drops
 * the connection and the lock with it, so a crash never leaves a stale lock. Advisory locks are
 * re-entrant within one session, which is why each attempt uses a connection of its own.
 */
public final class CronLock implements AutoCloseable {

    /** Constant that names the cron lock among the product's advisory locks ("itopcron" in ASCII). */
    static final long KEY = 0x6974_6f70_6372_6f6eL;

    private static final Logger LOG = LoggerFactory.getLogger(CronLock.class);

    private final Connection connection;

    private CronLock(Connection connection) {
        this.connection = connection;
    }

    /**
     * Tries to take the lock without waiting.
     *
     * @return the held lock, or empty when another session holds it
     * @throws SQLException when the database cannot be reached
     */
    public static Optional<CronLock> tryAcquire(DataSource dataSource) throws SQLException {
        Connection connection = dataSource.getConnection();
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            statement.setLong(1, KEY);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                if (rows.getBoolean(1)) {
                    return Optional.of(new CronLock(connection));
                }
            }
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection, e);
            throw e;
        }
        connection.close();
        return Optional.empty();
    }

    /** Releases the lock and closes its connection. */
    @Override
    public void close() {
        try (connection; PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            statement.setLong(1, KEY);
            statement.execute();
        } catch (SQLException e) {
            // The server releases a session lock when the connection ends, so a failed unlock is harmless.
            LOG.warn("Could not release the cron lock cleanly, the server drops it with the connection: {}",
                    e.getMessage());
        }
    }

    private static void closeQuietly(Connection connection, Exception primary) {
        try {
            connection.close();
        } catch (SQLException e) {
            primary.addSuppressed(e);
        }
    }
}
