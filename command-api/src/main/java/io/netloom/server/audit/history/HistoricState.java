package io.netloom.server.audit.history;

import io.netloom.projections.history.AccountState;
import io.netloom.projections.history.EventRef;

/**
 * An account's network model as it stood at some instant.
 *
 * @param lastEvent the last event applied, at or before that instant
 */
public record HistoricState(AccountState state, EventRef lastEvent) {
}
