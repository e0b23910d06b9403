package io.github.itopdata.core.store;

import java.util.List;

/**
 * The changes {@link StoreSchema#apply} made to the database.
 *
 * @param actions     one line per table created, column added, renamed or widened, index created
 * @param fingerprint the fingerprint of the layout now in the database
 */
public record SchemaChanges(List<String> actions, String fingerprint) {

    /** Copies the list. */
    public SchemaChanges {
        actions = List.copyOf(actions);
    }

    /** Tells whether the schema was already up to date. */
    public boolean isEmpty() {
        return actions.isEmpty();
    }
}
