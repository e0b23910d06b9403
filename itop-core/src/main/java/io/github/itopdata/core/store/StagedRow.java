package io.github.itopdata.core.store;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one staged row after the set-based steps of a {@link StagingTable}.
 *
 * @param rowNumber   the number the caller gave the row
 * @param action      what happened to the row
 * @param matchCount  how many objects matched the row's keys (0 before {@link StagingTable#match})
 * @param objectId    the matched or created object's id
 * @param objectClass the matched or created object's final class
 * @param changed     the number of attributes that differ from the matched object
 */
public record StagedRow(long rowNumber, StagedAction action, int matchCount, Optional<Long> objectId,
        Optional<String> objectClass, int changed) {

    /** Checks that the parts are present. */
    public StagedRow {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(objectId, "objectId");
        Objects.requireNonNull(objectClass, "objectClass");
    }
}
