-- Snapshots laid out so that two peers can be read without the rest (ADR 0035, decision 10): the
-- common part (network, groups without members, policies, blocks, routes, networks, setup key
-- creators) stays in network_model_snapshot, and the peers with their memberships go into
-- `buckets` parts by a stable hash of the peer id. An explanation between two peers reads the
-- common part and at most two parts; a whole-state read reads them all.
--
-- The existing snapshots hold the whole state in one piece and are dropped: snapshots are derived
-- data, and the SnapshotWriter's catch-up writes them again, in this layout, in the background
-- after start (until then, queries replay from the account's first event: same answers, slower).
DELETE FROM network_model_snapshot;
ALTER TABLE network_model_snapshot RENAME COLUMN state TO common;
-- The number of parts the peers were hashed into: a reader uses the snapshot's own count.
ALTER TABLE network_model_snapshot ADD COLUMN buckets INT NOT NULL;

CREATE TABLE network_model_snapshot_part (
    account_id VARCHAR(64) NOT NULL,
    position   BIGINT      NOT NULL,
    bucket     INT         NOT NULL,
    -- StateBuckets.Bucket as JSON (Axon's Jackson 2 mapper), gzip-compressed. Every bucket has a row,
    -- an empty one included, so that a reader can tell a part that vanished from one that is empty.
    data       BYTEA       NOT NULL,
    PRIMARY KEY (account_id, position, bucket),
    FOREIGN KEY (account_id, position) REFERENCES network_model_snapshot (account_id, position)
        ON DELETE CASCADE
);
