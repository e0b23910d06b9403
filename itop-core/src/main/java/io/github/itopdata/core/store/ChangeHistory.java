package io.github.itopdata.core.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Change sets and the history operations recorded under them.
 *
 * <p>History lives in two tables: {@value #CHANGE_TABLE} (one row per change set) and
 * {@value #OPERATION_TABLE} (one row per created or deleted object and per changed attribute,
 * with columns {@code change_id, objclass, objkey, optype, attcode, oldvalue, newvalue}). The
 * object store writes both; an engine that records operations with its own set-based SQL calls
 * {@link #ensureRecorded} first, in the same transaction.
 */
public final class ChangeHistory {

    /** Table of change sets. */
    public static final String CHANGE_TABLE = "itop_change";
    /** Table of history operations. */
    public static final String OPERATION_TABLE = "itop_change_op";

    private static final String OPERATION_COLUMNS =
            "id, change_id, objclass, objkey, optype, attcode, oldvalue, newvalue";

    private ChangeHistory() {
    }

    /**
     * Opens a change set dated now: reserves its id, writes nothing yet.
     *
     * @param userInfo the author text, at most {@value ChangeSet#MAX_USER_INFO_LENGTH} characters
     * @param userId   the user account's id, or null
     * @param comment  the run's comment, or null
     */
    public static ChangeSet open(Handle handle, String userInfo, Long userId, ChangeOrigin origin, String comment) {
        long id = handle.createQuery("SELECT nextval('itop_change_id_seq')").mapTo(Long.class).one();
        return new ChangeSet(id, LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS), userInfo,
                Optional.ofNullable(userId), origin, Optional.ofNullable(comment));
    }

    /**
     * Writes the change set's row unless it already exists. Call it in each transaction that
     * records operations, before them; the object store does so itself.
     */
    public static void ensureRecorded(Handle handle, ChangeSet changeSet) {
        handle.createUpdate("INSERT INTO itop_change (id, date, user_info, user_id, origin, comment)"
                        + " VALUES (:id, :date, :userInfo, :userId, :origin, :comment) ON CONFLICT (id) DO NOTHING")
                .bind("id", changeSet.id())
                .bind("date", changeSet.date())
                .bind("userInfo", changeSet.userInfo())
                .bind("userId", changeSet.userId().orElse(null))
                .bind("origin", changeSet.origin().code())
                .bind("comment", changeSet.comment().orElse(null))
                .execute();
    }

    /** Finds a recorded change set by id; empty if none was written under that id. */
    public static Optional<ChangeSet> find(Handle handle, long changeSetId) {
        return handle.createQuery("SELECT id, date, user_info, user_id, origin, comment FROM itop_change WHERE id = :id")
                .bind("id", changeSetId)
                .map((rows, context) -> readChangeSet(rows))
                .findOne();
    }

    /** Returns the operations recorded under a change set, in the order they were written. */
    public static List<ChangeOperation> operationsIn(Handle handle, long changeSetId) {
        return handle.createQuery("SELECT " + OPERATION_COLUMNS + " FROM itop_change_op"
                        + " WHERE change_id = :change ORDER BY id")
                .bind("change", changeSetId)
                .map((rows, context) -> readOperation(rows))
                .list();
    }

    /**
     * Returns the history of one object, oldest first.
     *
     * @param classNames the classes the object may belong to: a class and its subclasses, because
     *                   ids are unique within one hierarchy only
     */
    public static List<ChangeOperation> operationsOf(Handle handle, Collection<String> classNames, long objectId) {
        return handle.createQuery("SELECT " + OPERATION_COLUMNS + " FROM itop_change_op"
                        + " WHERE objkey = :id AND objclass = ANY(:classes) ORDER BY id")
                .bind("id", objectId)
                .bind("classes", classNames.toArray(new String[0]))
                .map((rows, context) -> readOperation(rows))
                .list();
    }

    private static ChangeSet readChangeSet(ResultSet rows) throws SQLException {
        long userId = rows.getLong("user_id");
        Optional<Long> user = rows.wasNull() ? Optional.empty() : Optional.of(userId);
        String originCode = rows.getString("origin");
        long id = rows.getLong("id");
        ChangeOrigin origin = ChangeOrigin.fromCode(originCode).orElseThrow(() -> new IllegalStateException(
                "Change set " + id + " has an unknown origin '" + originCode + "'"));
        return new ChangeSet(id, rows.getObject("date", LocalDateTime.class),
                rows.getString("user_info"), user, origin, Optional.ofNullable(rows.getString("comment")));
    }

    private static ChangeOperation readOperation(ResultSet rows) throws SQLException {
        ChangeOperation.Type type = ChangeOperation.Type.valueOf(rows.getString("optype").toUpperCase(java.util.Locale.ROOT));
        return new ChangeOperation(rows.getLong("id"), rows.getLong("change_id"), rows.getString("objclass"),
                rows.getLong("objkey"), type, Optional.ofNullable(rows.getString("attcode")),
                Optional.ofNullable(rows.getString("oldvalue")), Optional.ofNullable(rows.getString("newvalue")));
    }
}
