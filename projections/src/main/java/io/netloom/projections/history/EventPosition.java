package io.netloom.projections.history;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a stored event stands in its account's hash chain (ADR 0034). The history's state remembers the event
 * behind each input by this alone, which keeps states and their snapshots small; an answer that cites the event
 * looks its details up by it.
 */
public record EventPosition(@JsonValue long value) {

    @JsonCreator
    public static EventPosition of(long value) {
        return new EventPosition(value);
    }
}
