package io.netloom.server.audit.history;

import io.netloom.projections.history.EventRef;

/** One stored event of an account's history: where and when it stands, and its payload, deserialized. */
public record HistoryEvent(EventRef ref, Object payload) {
}
