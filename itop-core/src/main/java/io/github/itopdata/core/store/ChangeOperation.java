package io.github.itopdata.core.store;

import java.util.Objects;
import java.util.Optional;

/**
 * One entry of an object's history: its creation, its deletion, or the change of one attribute.
 *
 * @param id          the operation's id; ids grow in the order operations were written
 * @param changeSetId the change set the operation belongs to
 * @param objectClass the final class of the object
 * @param objectId    the object's id
 * @param type        what happened
 * @param attCode     the changed attribute, for {@link Type#UPDATE} only
 * @param oldValue    the value before, as PostgreSQL renders it as text; empty when it was null
 * @param newValue    the value after, in the same form; empty when it is null
 */
public record ChangeOperation(long id, long changeSetId, String objectClass, long objectId, Type type,
        Optional<String> attCode, Optional<String> oldValue, Optional<String> newValue) {

    /** Kinds of operation, stored in the {@code optype} column with their lower-case names. */
    public enum Type {
        CREATE, DELETE, UPDATE;

        /** Returns the code stored in the {@code optype} column. */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Checks that the parts are present. */
    public ChangeOperation {
        Objects.requireNonNull(objectClass, "objectClass");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(attCode, "attCode");
        Objects.requireNonNull(oldValue, "oldValue");
        Objects.requireNonNull(newValue, "newValue");
    }
}
