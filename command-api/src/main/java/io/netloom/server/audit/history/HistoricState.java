package io.netloom.server.audit.history;

import io.netloom.projections.history.AccountState;
import io.netloom.projections.history.EventRef;
import java.time.Instant;

/**
 * An account's network model as it stood at an instant.
 *
 * @param lastEvent the last event applied, at or before that instant
 * @param at the instant asked about
 */
public record HistoricState(AccountState state, EventRef lastEvent, Instant at) {
}
