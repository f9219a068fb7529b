package io.netloom.server.audit.chain;

import java.time.Instant;

/** An account's event with its link as recorded; {@code event} is null when the row was deleted. */
public record ChainLink(long position, String eventId, Instant occurredAt, String previousHash, String hash,
        StoredEvent event) {
}
