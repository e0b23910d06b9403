package io.github.itopdata.core.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The consequences of deleting some objects under the deletion rules of the data model: the
 * objects deleted with them, the keys reset to null, and the references that prevent the deletion.
 *
 * <p>The rules follow each external or hierarchical key that points to a deleted object. A key
 * that may be null ({@code is_null_allowed}) is reset to null, whatever its {@code
 * on_target_delete}, as iTop does ({@code DBObject::MakeDeletionPlan} in its {@code
 * core/dbobject.class.php}). A mandatory key declared {@code DEL_AUTO} or {@code DEL_SILENT}
 * deletes its object too, and the rules apply again to that object. A mandatory key declared
 * {@code DEL_MANUAL}, or without {@code on_target_delete}, prevents the deletion unless its
 * object is deleted anyway. A nullable hierarchical key declared {@code DEL_MOVEUP} moves up to
 * the nearest ancestor of the deleted object that is kept. {@link ObjectStore#planDeletion} computes a plan, and {@link
 * ObjectStore#execute} or {@link ObjectStore#deleteAll} carries it out.
 */
public final class DeletionPlan {

    /** Number of blocking references that {@link #reasons()} lists before it counts the rest. */
    public static final int MAX_LISTED_REASONS = 50;

    private final List<Deletion> deletions;
    private final List<KeyReset> resets;
    private final List<Blocker> blockers;

    DeletionPlan(List<Deletion> deletions, List<KeyReset> resets, List<Blocker> blockers) {
        this.deletions = List.copyOf(deletions);
        this.resets = List.copyOf(resets);
        this.blockers = List.copyOf(blockers);
    }

    /**
     * An object that the plan deletes.
     *
     * @param className the object's own class
     * @param depth     0 for the objects the caller named, n for an object whose key points to
     *                  an object of depth n - 1
     */
    public record Deletion(String className, long id, int depth) {

        /** Checks that the class is present. */
        public Deletion {
            Objects.requireNonNull(className, "className");
        }

        /** Tells whether the caller named this object, rather than the rules adding it. */
        public boolean requested() {
            return depth == 0;
        }
    }

    /**
     * A key that the plan changes because the object it points to is deleted: reset to null, or
     * moved up to the deleted object's nearest ancestor that the plan keeps.
     *
     * @param className   the own class of the object that contains the key
     * @param attCode     the key's attribute code
     * @param targetClass the own class of the deleted object
     * @param newValue    the key's new value, null for a reset
     */
    public record KeyReset(String className, long id, String attCode, String targetClass, long targetId,
            Long newValue) {

        /** Checks that the names are present. */
        public KeyReset {
            Objects.requireNonNull(className, "className");
            Objects.requireNonNull(attCode, "attCode");
            Objects.requireNonNull(targetClass, "targetClass");
        }
    }

    /**
     * A mandatory key that points to a deleted object and whose rule is {@code DEL_MANUAL}: the
     * deletion is rejected until that object is changed or deleted.
     *
     * @param className   the own class of the object that contains the key
     * @param name        the object's friendly name, or empty when its class has no stored naming
     *                    attribute
     * @param attCode     the key's attribute code
     * @param targetClass the own class of the deleted object
     * @param requestedId the id of the requested object whose deletion leads to the target's:
     *                    the target itself, or the object that the rules first reached it from
     */
    public record Blocker(String className, long id, String name, String attCode, String targetClass, long targetId,
            long requestedId) {

        /** Checks that the names are present. */
        public Blocker {
            Objects.requireNonNull(className, "className");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(attCode, "attCode");
            Objects.requireNonNull(targetClass, "targetClass");
        }

        /** Returns the sentence that explains why this reference blocks the deletion. */
        public String reason() {
            String object = className + "::" + id + (name.isEmpty() ? "" : " (" + name + ")");
            return targetClass + "::" + targetId + " is referenced by " + object + " through " + attCode
                    + ", a mandatory key with DEL_MANUAL. Change or delete " + className + "::" + id + " first.";
        }
    }

    /**
     * Returns the objects to delete: the requested ones first, then the others by increasing
     * depth. Empty when none of the requested ids is an object of the class.
     */
    public List<Deletion> deletions() {
        return deletions;
    }

    /** Returns the keys to reset or move up, on objects that the plan does not delete. */
    public List<KeyReset> resets() {
        return resets;
    }

    /** Returns the references that prevent the deletion, ordered by deleted object then referencing object. */
    public List<Blocker> blockers() {
        return blockers;
    }

    /** Tells whether the plan may be carried out: no reference blocks it. */
    public boolean isAllowed() {
        return blockers.isEmpty();
    }

    /** Returns the number of objects the caller named that the plan deletes. */
    public int requestedCount() {
        return (int) deletions.stream().filter(Deletion::requested).count();
    }

    /**
     * Returns the reasons that prevent the deletion, one per line: the first {@value
     * #MAX_LISTED_REASONS} blockers, then a line that counts the others. Empty when the plan is
     * allowed.
     */
    public String reasons() {
        return reasons(blockers);
    }

    /** Returns the reasons of some blockers, one per line, as {@link #reasons()} lists them. */
    public static String reasons(List<Blocker> blockers) {
        List<String> lines = new ArrayList<>();
        for (Blocker blocker : blockers.subList(0, Math.min(blockers.size(), MAX_LISTED_REASONS))) {
            lines.add(blocker.reason());
        }
        if (blockers.size() > MAX_LISTED_REASONS) {
            lines.add("... and " + (blockers.size() - MAX_LISTED_REASONS) + " more references of the same kind.");
        }
        return String.join("\n", lines);
    }
}
