package io.netloom.projections.history;

import java.time.Instant;

/**
 * The stored event that made a change, as an auditor cites it.
 *
 * @param position the event's place in its account's hash chain (ADR 0034)
 * @param kind what happened, e.g. {@code PeersAddedToGroup}
 * @param actor who caused it, as recorded with the event: {@code user:<id>}, {@code token:<id>}, {@code setup-key:<id>},
 *     {@code peer:<id>} or {@code system}
 */
public record EventRef(long position, Instant occurredAt, String eventId, String kind, String actor) {
}
