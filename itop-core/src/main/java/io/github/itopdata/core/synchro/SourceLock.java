package io.github.itopdata.core.synchro;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lock that serializes the loads and runs of one data source: a PostgreSQL session-level
 * advisory lock keyed on the source id. It works between processes and machines that share the
 * database, and PostgreSQL frees it when the session ends, even after a crash.
 *
 * <p>The lock belongs to the database session of {@link #handle()}: do all the work of the load
 * and run through that handle. Advisory locks are re-entrant within one session, so a second
 * acquisition in the same session does not wait.
 */
public final class SourceLock implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SourceLock.class);
    /** First half of the advisory lock key: the ASCII letters "SYNC", naming data source locks. */
    private static final int LOCK_CLASS = 0x53594E43;
    private static final long POLL_MILLIS = 100;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Handle handle;
    private final long sourceId;

    private SourceLock(Handle handle, long sourceId) {
        this.handle = handle;
        this.sourceId = sourceId;
    }

    /**
     * Opens a session and takes the lock of a source, waiting at most {@code wait}.
     *
     * @throws SourceLockedException when another session kept the lock longer than {@code wait}
     */
    public static SourceLock acquire(Jdbi jdbi, long sourceId, Duration wait, String login) {
        Handle handle = jdbi.open();
        try {
            long deadline = System.nanoTime() + wait.toNanos();
            boolean logged = false;
            while (!tryLock(handle, sourceId)) {
                if (System.nanoTime() >= deadline) {
                    throw new SourceLockedException(holderMessage(handle, sourceId));
                }
                if (!logged) {
                    LOG.info("Data source {}: waiting up to {} s for another load or run to end", sourceId,
                            wait.toSeconds());
                    logged = true;
                }
                sleep();
            }
            handle.createUpdate("INSERT INTO synchro_lock_holder (source_id, started_at, login, backend_pid)"
                            + " VALUES (:id, statement_timestamp(), :login, pg_backend_pid()) ON CONFLICT (source_id)"
                            + " DO UPDATE SET started_at = excluded.started_at, login = excluded.login,"
                            + " backend_pid = excluded.backend_pid")
                    .bind("id", sourceId).bind("login", login).execute();
            return new SourceLock(handle, sourceId);
        } catch (RuntimeException e) {
            handle.close();
            throw e;
        }
    }

    private static boolean tryLock(Handle handle, long sourceId) {
        return handle.createQuery("SELECT pg_try_advisory_lock(:class, :id)").bind("class", LOCK_CLASS)
                .bind("id", (int) sourceId).mapTo(Boolean.class).one();
    }

    private static String holderMessage(Handle handle, long sourceId) {
        String holder = handle.createQuery("SELECT started_at, login FROM synchro_lock_holder WHERE source_id = :id")
                .bind("id", sourceId)
                .map((rows, context) -> "started " + rows.getObject("started_at", LocalDateTime.class).format(DATE)
                        + " by " + rows.getString("login"))
                .findOne().orElse("started at an unknown time by an unknown user");
        return "Another load or synchronization of data source " + sourceId + " is in progress (" + holder
                + "). Operation cancelled.";
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the lock of a data source", e);
        }
    }

    /** Returns the session that holds the lock. */
    public Handle handle() {
        return handle;
    }

    /** Releases the lock and closes the session. */
    @Override
    public void close() {
        try {
            if (handle.isInTransaction()) {
                handle.rollback();
            }
            handle.createUpdate("DELETE FROM synchro_lock_holder WHERE source_id = :id AND backend_pid = pg_backend_pid()")
                    .bind("id", sourceId).execute();
            handle.createQuery("SELECT pg_advisory_unlock(:class, :id)").bind("class", LOCK_CLASS)
                    .bind("id", (int) sourceId).mapTo(Boolean.class).one();
        } finally {
            handle.close();
        }
    }
}
