-- Every history operation paid for three B-tree inserts. Reads need only two paths: an object's
-- history (by objkey, then filtered on objclass) and a change set's operations. Operations are
-- appended in change-set order, so a BRIN index serves the second at almost no write cost, and
-- the id column keeps its ordering role without an index of its own.
ALTER TABLE itop_change_op DROP CONSTRAINT itop_change_op_pkey;
DROP INDEX itop_change_op_object;
CREATE INDEX itop_change_op_object ON itop_change_op (objkey);
DROP INDEX itop_change_op_change;
CREATE INDEX itop_change_op_change ON itop_change_op USING brin (change_id);
