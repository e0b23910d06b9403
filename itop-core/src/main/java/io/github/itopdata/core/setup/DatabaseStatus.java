package io.github.itopdata.core.setup;

import io.github.itopdata.core.auth.User;
import io.github.itopdata.core.auth.Users;
import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.model.ModelClass;
import io.github.itopdata.core.store.HierarchyTable;
import io.github.itopdata.core.store.SchemaMapping;
import io.github.itopdata.core.store.StoreSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/**
 * Summary of a database: where it is, whether setup ran and matches the model, its users, and the
 * number of objects of each class. Reading it changes nothing.
 *
 * @param location where the database is, without password
 * @param serverVersion the PostgreSQL version of the server
 * @param setUp whether setup ran on this database (its internal tables exist)
 * @param schema how the object tables compare with the model
 * @param users number of users, 0 when setup has not run
 * @param administrators number of users with the Administrator profile
 * @param objectCounts number of objects by final class, for the classes that have some, sorted by class
 * @param emptyClasses number of classes of the model without any object
 */
public record DatabaseStatus(String location, String serverVersion, boolean setUp, SchemaState schema,
                             int users, int administrators, Map<String, Long> objectCounts, int emptyClasses) {

    /** State of the object tables in the database compared with the model. */
    public enum SchemaState {
        /** No object table was ever created. */
        NOT_CREATED,
        /** The tables were created for another model, or an older version of this one. */
        DIFFERS_FROM_MODEL,
        /** The tables are those of the model. */
        UP_TO_DATE
    }

    public DatabaseStatus {
        objectCounts = Map.copyOf(new TreeMap<>(objectCounts));
    }

    /** Reads the status of the database for the given model. */
    public static DatabaseStatus read(Database database, SchemaMapping mapping) {
        String version = database.jdbi().withHandle(handle -> handle
                .createQuery("SELECT current_setting('server_version')").mapTo(String.class).one());
        boolean setUp = tableExists(database, "itop_schema_migration");
        if (!setUp) {
            return new DatabaseStatus(database.settings().toString(), version, false, SchemaState.NOT_CREATED, 0, 0,
                    Map.of(), mapping.model().classes().size());
        }

        Optional<String> fingerprint = StoreSchema.storedFingerprint(database.jdbi());
        SchemaState schema = fingerprint.isEmpty() ? SchemaState.NOT_CREATED
                : fingerprint.get().equals(mapping.fingerprint()) ? SchemaState.UP_TO_DATE
                : SchemaState.DIFFERS_FROM_MODEL;

        int users = 0;
        int administrators = 0;
        if (tableExists(database, "itop_user")) {
            List<User> all = new Users(database).list();
            users = all.size();
            administrators = (int) all.stream().filter(User::isAdministrator).count();
        }

        Map<String, Long> counts = database.jdbi().withHandle(handle -> countObjects(handle, mapping));
        int emptyClasses = 0;
        for (ModelClass modelClass : mapping.model().classes()) {
            if (!counts.containsKey(modelClass.name())) {
                emptyClasses++;
            }
        }
        return new DatabaseStatus(database.settings().toString(), version, true, schema, users, administrators,
                counts, emptyClasses);
    }

    private static Map<String, Long> countObjects(Handle handle, SchemaMapping mapping) {
        Map<String, Long> counts = new TreeMap<>();
        for (HierarchyTable hierarchy : mapping.hierarchies()) {
            boolean exists = handle.createQuery("SELECT to_regclass(:name) IS NOT NULL")
                    .bind("name", SchemaMapping.quote(hierarchy.tableName()))
                    .mapTo(Boolean.class).one();
            if (!exists) {
                continue;
            }
            handle.createQuery("SELECT finalclass, count(*) FROM " + SchemaMapping.quote(hierarchy.tableName())
                            + " GROUP BY finalclass")
                    .map((rows, context) -> Map.entry(rows.getString(1), rows.getLong(2)))
                    .forEach(entry -> counts.merge(entry.getKey(), entry.getValue(), Long::sum));
        }
        return counts;
    }

    private static boolean tableExists(Database database, String table) {
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT to_regclass(:name) IS NOT NULL")
                .bind("name", table).mapTo(Boolean.class).one());
    }

    /** Returns the total number of objects. */
    public long totalObjects() {
        return objectCounts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Returns the status as lines for a person to read. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("Database: " + location + " (PostgreSQL " + serverVersion + ")");
        if (!setUp) {
            lines.add("Setup: not run on this database yet; run 'itop setup'");
            return lines;
        }
        lines.add(switch (schema) {
            case NOT_CREATED -> "Object tables: not created yet; run 'itop setup'";
            case DIFFERS_FROM_MODEL -> "Object tables: differ from the configured model; run 'itop setup' to migrate them";
            case UP_TO_DATE -> "Object tables: match the configured model";
        });
        lines.add("Users: " + users + " (" + administrators + " with the Administrator profile)");
        lines.add("");
        int width = Math.max("Class".length(),
                objectCounts.keySet().stream().mapToInt(String::length).max().orElse(0));
        lines.add(String.format("%-" + width + "s  %s", "Class", "Objects"));
        objectCounts.forEach((className, count) -> lines.add(String.format("%-" + width + "s  %d", className, count)));
        lines.add(String.format("%-" + width + "s  %d", "Total", totalObjects()));
        lines.add(emptyClasses + " other classes of the model hold no object.");
        return lines;
    }
}
