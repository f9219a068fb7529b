-- Snapshots of each account's history model (ADR 0035, decision 4): the AccountState after the
-- account's event at chain position `position`, so that a history query replays at most one
-- snapshot interval. Derived data: deleting every row changes no answer, only how long it takes.
CREATE TABLE network_model_snapshot (
    account_id  VARCHAR(64) NOT NULL,
    position    BIGINT      NOT NULL,
    -- The latest time of the events up to `position`: a snapshot stands for an instant T only if
    -- every event it holds happened at or before T (positions follow commits, times may interleave).
    occurred_at TIMESTAMPTZ NOT NULL,
    -- AccountStateData as JSON (Axon's Jackson 2 mapper), gzip-compressed.
    state       BYTEA       NOT NULL,
    PRIMARY KEY (account_id, position)
);
