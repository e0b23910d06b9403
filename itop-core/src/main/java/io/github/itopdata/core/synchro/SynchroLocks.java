package io.github.itopdata.core.synchro;

import io.github.itopdata.core.model.Model;
import io.github.itopdata.core.model.ModelClass;
import io.github.itopdata.core.store.SchemaMapping;
import io.github.itopdata.core.synchro.internal.SynchroTables;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The attributes that data sources lock on the objects they synchronize. When an object has a
 * replica in source S, and S's synchro attribute for an attribute has {@code update = 1} and the
 * policy {@code master_locked}, that attribute is locked for every writer except S. Obsolete replicas also lock, unless the setting
 * {@code synchro_obsolete_replica_locks_object} is false.
 *
 * <p>Writers ask once per batch of objects, with one query.
 */
public final class SynchroLocks {

    private final Model model;
    private final SynchroTables tables;
    private final boolean obsoleteReplicasLock;

    private SynchroLocks(Model model, SynchroTables tables, boolean obsoleteReplicasLock) {
        this.model = model;
        this.tables = tables;
        this.obsoleteReplicasLock = obsoleteReplicasLock;
    }

    /**
     * Returns the locks of a database laid out by {@code mapping}. With a model that has no
     * synchronization classes, nothing is ever locked.
     *
     * @param obsoleteReplicasLock whether obsolete replicas still lock their objects (setting
     *     {@code synchro_obsolete_replica_locks_object}, true by default)
     */
    public static SynchroLocks of(SchemaMapping mapping, boolean obsoleteReplicasLock) {
        boolean synchronizable = mapping.model().find("SynchroReplica").isPresent()
                && mapping.model().find("SynchroAttribute").isPresent();
        return new SynchroLocks(mapping.model(), synchronizable ? new SynchroTables(mapping) : null,
                obsoleteReplicasLock);
    }

    /** Tells whether some data source of the class's hierarchy locks at least one attribute. */
    public boolean anyLocks(Handle handle, String className) throws SQLException {
        if (tables == null) {
            return false;
        }
        String sql = "SELECT EXISTS (SELECT 1 FROM " + tables.attributes() + " a JOIN " + tables.sources() + " s ON s.id = a."
                + tables.attribute("sync_source_id") + " WHERE a." + tables.attribute("update") + " AND a."
                + tables.attribute("update_policy") + " = 'master_locked' AND s." + tables.source("scope_class")
                + " = ANY (?))";
        Connection connection = handle.getConnection();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", hierarchy(className).toArray()));
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    /**
     * Returns, for each given object of the class's hierarchy that has locked attributes, the
     * locked attribute codes with the name of the data source that locks each one.
     *
     * @param exceptSourceId the source whose own locks do not count (the running one), or null
     */
    public Map<Long, Map<String, String>> locked(Handle handle, String className, Collection<Long> ids,
            Long exceptSourceId) throws SQLException {
        Map<Long, Map<String, String>> locks = new HashMap<>();
        if (tables == null || ids.isEmpty()) {
            return locks;
        }
        String sql = "SELECT r." + tables.replica("dest_id") + ", a." + tables.attribute("attcode") + ", min(s."
                + tables.source("name") + ") FROM " + tables.replicas() + " r JOIN " + tables.attributes() + " a ON a."
                + tables.attribute("sync_source_id") + " = r." + tables.replica("sync_source_id") + " JOIN "
                + tables.sources() + " s ON s.id = r." + tables.replica("sync_source_id") + " WHERE r."
                + tables.replica("dest_id") + " = ANY (?) AND r." + tables.replica("dest_class") + " = ANY (?) AND a."
                + tables.attribute("update") + " AND a." + tables.attribute("update_policy") + " = 'master_locked'"
                // A replica still 'new' has not written its object yet (its reconciliation or update
                // failed), so it does not lock it.
                + " AND r." + tables.replica("status") + " <> 'new'"
                + (obsoleteReplicasLock ? "" : " AND r." + tables.replica("status") + " <> 'obsolete'")
                + " AND r." + tables.replica("sync_source_id") + " IS DISTINCT FROM ? GROUP BY 1, 2";
        Connection connection = handle.getConnection();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            Array idArray = connection.createArrayOf("bigint", ids.toArray());
            statement.setArray(1, idArray);
            statement.setArray(2, connection.createArrayOf("text", hierarchy(className).toArray()));
            if (exceptSourceId == null) {
                statement.setNull(3, java.sql.Types.BIGINT);
            } else {
                statement.setLong(3, exceptSourceId);
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    locks.computeIfAbsent(result.getLong(1), id -> new LinkedHashMap<>())
                            .put(result.getString(2), result.getString(3));
                }
            }
        }
        return locks;
    }

    /**
     * Creates the index that finds the replicas of an object, unless it exists. Data sources
     * create it with their first replica table.
     */
    public static void ensureIndex(Handle handle, SchemaMapping mapping) {
        SynchroTables tables = new SynchroTables(mapping);
        String table = mapping.table("SynchroReplica").tableName();
        handle.execute("CREATE INDEX IF NOT EXISTS " + SchemaMapping.quote(table + "_dest")
                + " ON " + tables.replicas() + " (" + tables.replica("dest_id") + ")");
    }

    /** Returns the text of the error a writer reports for a locked attribute. */
    public static String lockedMessage(String attCode, String current, String proposed, String sourceName) {
        return "The attribute '" + attCode + "' is read-only and cannot be modified (current value: " + current
                + ", proposed value: " + proposed + "): the data source '" + sourceName + "' synchronizes it";
    }

    private List<String> hierarchy(String className) {
        ModelClass root = model.rootOf(className);
        List<String> names = new ArrayList<>();
        names.add(root.name());
        model.descendants(root.name()).forEach(c -> names.add(c.name()));
        return names;
    }
}
