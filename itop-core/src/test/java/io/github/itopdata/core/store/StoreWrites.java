package io.github.itopdata.core.store;

import io.github.itopdata.core.db.Database;
import java.util.Map;

/** The writes and reads that the object store's tests share, each in its own transaction. */
final class StoreWrites {

    private StoreWrites() {
    }

    /** Opens a change set as a CSV import by a fixed user would. */
    static ChangeSet openChange(Database database) {
        return database.jdbi().withHandle(handle -> ChangeHistory.open(handle, "Mira Solberg", 7L,
                ChangeOrigin.CSV_IMPORT, null));
    }

    /** Creates an object under a change set of its own and returns its id. */
    static long create(Database database, ObjectStore store, String className, Map<String, ?> values) {
        ChangeSet change = openChange(database);
        return database.jdbi().inTransaction(handle -> store.create(handle, change, className, values));
    }

    static boolean exists(Database database, ObjectStore store, String className, long id) {
        return database.jdbi().withHandle(handle -> store.read(handle, className, id).isPresent());
    }
}
