-- The audit history in NetBird's activity shape, written in the same transaction as the events it
-- describes, so it can never disagree with the event store.
CREATE TABLE audit_event (
    id              BIGSERIAL    PRIMARY KEY,
    account_id      VARCHAR(64)  NOT NULL,
    occurred_at     TIMESTAMPTZ  NOT NULL,
    activity_code   VARCHAR(128) NOT NULL,
    activity        VARCHAR(256) NOT NULL,
    initiator_id    VARCHAR(64)  NOT NULL,
    initiator_name  VARCHAR(256) NOT NULL,
    initiator_email VARCHAR(320) NOT NULL,
    target_id       VARCHAR(64)  NOT NULL,
    meta            JSONB        NOT NULL
);

CREATE INDEX audit_event_by_account ON audit_event (account_id, id);
