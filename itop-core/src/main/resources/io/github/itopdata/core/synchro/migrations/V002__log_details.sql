-- Full texts of the replica errors and warnings that did not fit in a replica's 255 characters,
-- kept with the log of the run that produced them and deleted with it.
CREATE TABLE synchro_log_detail (
    log_id bigint NOT NULL,
    replica_id bigint NOT NULL,
    primary_key text,
    kind text NOT NULL CHECK (kind IN ('error', 'warning')),
    message text NOT NULL
);

CREATE INDEX synchro_log_detail_log_idx ON synchro_log_detail (log_id);
