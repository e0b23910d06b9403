package io.github.itopdata.core.model;

/** What happens to an object when the object its external key points to is deleted. */
public enum OnTargetDelete {
    /** The deletion of the target is refused while this object points to it. */
    DEL_MANUAL,
    /** This object is deleted too, and the deletion is reported. */
    DEL_AUTO,
    /** This object is deleted too, without being reported. */
    DEL_SILENT,
    /**
     * For a hierarchical key: this object moves up to the parent of the deleted object. The
     * object store treats the option like {@link #DEL_AUTO} on other keys.
     */
    DEL_MOVEUP
}
