-- Snapshots of the in-memory read models, the directory and every network map (ADR 0054), so that a start
-- replays only the events after one instead of the whole store. Derived data: deleting every row changes no
-- answer, only how long the next start takes. The writer keeps the newest few; a start uses the newest it can read.
CREATE TABLE read_model_snapshot (
    id          BIGSERIAL   PRIMARY KEY,
    -- ReadModelSnapshotCodec.FORMAT of the parts: a start passes over a snapshot of another format.
    format      INT         NOT NULL,
    -- The position the models stand at, as Axon's GapAwareTrackingToken: the last global index applied and the
    -- lower indexes not yet committed when the writer passed them (they are applied after the snapshot).
    token_index BIGINT      NOT NULL,
    token_gaps  BIGINT[]    NOT NULL,
    taken_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE read_model_snapshot_part (
    snapshot_id BIGINT NOT NULL REFERENCES read_model_snapshot (id) ON DELETE CASCADE,
    -- 0: what belongs to no account (the directory's cross-account lookups); 1..n: one account each.
    part        INT    NOT NULL,
    -- ReadModelSnapshotCodec's JSON (Axon's Jackson 2 mapper), gzip-compressed.
    bytes       BYTEA  NOT NULL,
    PRIMARY KEY (snapshot_id, part)
);
