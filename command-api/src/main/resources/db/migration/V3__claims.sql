-- Set-based uniqueness (ADR 0011). Each row is what one peer holds; it is written by the "claims"
-- event handler in the transaction that stores the events giving the peer these values, so a
-- unique violation rolls the whole command back and nothing is stored.
CREATE TABLE peer_claim (
    peer_id    VARCHAR(64) PRIMARY KEY,
    account_id VARCHAR(64) NOT NULL,
    public_key VARCHAR(44) NOT NULL,
    overlay_ip VARCHAR(15) NOT NULL,
    dns_label  VARCHAR(63) NOT NULL,
    -- A WireGuard key identifies one device in the whole mesh, across accounts.
    CONSTRAINT peer_claim_public_key UNIQUE (public_key),
    -- Value first: a lookup of one address or label never walks the account's other peers, even
    -- before the table has statistics.
    CONSTRAINT peer_claim_overlay_ip UNIQUE (overlay_ip, account_id),
    CONSTRAINT peer_claim_dns_label UNIQUE (dns_label, account_id)
);

-- Uses of setup keys that have a usage limit (keys without one need no counting). An enrollment
-- counts its use in its own transaction; the check refuses the use past the limit.
CREATE TABLE setup_key_usage (
    setup_key_id VARCHAR(64) PRIMARY KEY,
    usage_limit  INTEGER     NOT NULL CHECK (usage_limit > 0),
    used         INTEGER     NOT NULL DEFAULT 0,
    CONSTRAINT setup_key_usage_within_limit CHECK (used <= usage_limit)
);

-- Peers and keys of a store written before these tables existed (or written around the server) are
-- claimed at start-up from the replayed read model (ClaimsBackfill).
