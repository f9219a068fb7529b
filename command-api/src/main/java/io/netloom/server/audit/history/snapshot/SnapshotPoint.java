package io.netloom.server.audit.history.snapshot;

import java.time.Instant;

/**
 * Where a stored snapshot stands in its account's history.
 *
 * @param position the chain position of the last event it holds
 * @param occurredAt the latest time of the events it holds: it stands for every instant at or after this one
 */
public record SnapshotPoint(long position, Instant occurredAt) {
}
