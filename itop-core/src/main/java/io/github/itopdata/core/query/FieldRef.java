package io.github.itopdata.core.query;

import io.github.itopdata.core.model.AttributeDef;
import io.github.itopdata.core.model.ModelClass;

/**
 * A filter code resolved against the model: what {@code alias.code} reads on the alias's class.
 *
 * @param owner     the class the code was looked up in (the alias's declared class)
 * @param code      the code as written
 * @param kind      what the code reads
 * @param attribute the attribute read: the declared attribute for {@link Kind#ATTRIBUTE} and
 *                  {@link Kind#EXTERNAL_FIELD}, the external key for the {@code KEY_*} kinds,
 *                  null otherwise
 */
public record FieldRef(ModelClass owner, String code, Kind kind, AttributeDef attribute) {

    /** What a filter code reads. */
    public enum Kind {
        /** The object's id. */
        ID,
        /** A stored attribute of the class or of an ancestor. */
        ATTRIBUTE,
        /** An attribute of the object an external key points to ({@code org_name}). */
        EXTERNAL_FIELD,
        /** The display name built from the class's naming attributes. */
        FRIENDLY_NAME,
        /** The name of the object's actual class. */
        FINAL_CLASS,
        /** 1 when the class's obsolescence condition holds for the object, else 0. */
        OBSOLESCENCE_FLAG,
        /** {@code <key>_friendlyname}: the friendly name of the key's target. */
        KEY_FRIENDLY_NAME,
        /** {@code <key>_finalclass_recall}: the actual class of the key's target. */
        KEY_FINAL_CLASS,
        /** {@code <key>_obsolescence_flag}: the obsolescence flag of the key's target. */
        KEY_OBSOLESCENCE_FLAG
    }
}
