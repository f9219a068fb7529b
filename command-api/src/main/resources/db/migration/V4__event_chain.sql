-- The hash chain over each account's events (ADR 0034). A row is written by the "chain" event
-- handler in the transaction that stores its event, so an event without its link cannot commit.
-- Each hash is SHA-256 over the previous hash of the same account and a canonical encoding of the
-- stored domainevententry row; an event altered afterwards no longer matches its link.
CREATE TABLE event_chain (
    account_id    VARCHAR(64)  NOT NULL,
    position      BIGINT       NOT NULL,
    event_id      VARCHAR(255) NOT NULL,
    -- The event's time as a timestamp: the store's own column is text, which does not sort as time.
    occurred_at   TIMESTAMPTZ  NOT NULL,
    previous_hash CHAR(64)     NOT NULL,
    hash          CHAR(64)     NOT NULL,
    PRIMARY KEY (account_id, position),
    CONSTRAINT event_chain_event UNIQUE (event_id)
);
