package io.github.itopdata.core.store;

/**
 * A deletion that the deletion rules of the data model reject, because mandatory keys declared
 * {@code DEL_MANUAL} still point to the objects to delete. The message lists the blocking
 * references, one per line. Nothing was written.
 */
public class DeletionRejectedException extends StoreException {

    private final transient DeletionPlan plan;

    public DeletionRejectedException(DeletionPlan plan) {
        super(plan.reasons());
        this.plan = plan;
    }

    /** Returns the rejected plan, whose {@link DeletionPlan#blockers()} are the reasons. */
    public DeletionPlan plan() {
        return plan;
    }
}
