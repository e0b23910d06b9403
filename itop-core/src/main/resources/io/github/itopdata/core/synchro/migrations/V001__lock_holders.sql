-- Who holds the advisory lock of each data source, so that a run that cannot get the lock can
-- say since when and by whom it is held. The row is written after the lock is taken and deleted
-- before it is released; a row whose lock is free is stale and overwritten by the next holder.
CREATE TABLE synchro_lock_holder (
    source_id bigint PRIMARY KEY,
    started_at timestamp NOT NULL,
    login text NOT NULL,
    backend_pid integer NOT NULL
);
