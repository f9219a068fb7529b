-- Each link names its event's payload type and the peers its payload names (ADR 0035, decision 11), so
-- that a question about two peers picks its events from the chain alone and joins only those it keeps.
-- Neither is hashed: the hash covers the domainevententry row, which holds both anyway.
ALTER TABLE event_chain ADD COLUMN payload_type TEXT, ADD COLUMN peers TEXT[];
-- Links written before this migration have neither; ChainFacts fills them at start-up. A filled link
-- always has peers (empty when its payload names none), so NULL peers marks the links still to fill,
-- and this index holds only those: empty, and free, once a store is filled.
CREATE INDEX event_chain_unfilled ON event_chain (account_id, position) WHERE peers IS NULL;
