package io.netloom.projections.history;

import java.time.Instant;
import java.util.List;

/**
 * A stretch of time during which one peer could reach another: some flow from source to destination existed.
 *
 * @param since when it opened, or the start of the window asked about when it was already open then
 * @param openedBy the event after which the first flow existed (also when that was before the window)
 * @param openAtFrom whether access already existed at the window's start, so that {@code since} is that start
 *     and {@code openedBy} precedes it
 * @param flows the flows at {@code since}
 * @param changes later changes of the flows while access lasted, e.g. ports widened
 * @param until when the last flow went, or null while still open at the window's end
 * @param closedBy the event after which no flow was left, or null while still open
 */
public record AccessInterval(Instant since, EventRef openedBy, boolean openAtFrom, List<AllowedFlow> flows,
        List<FlowChange> changes, Instant until, EventRef closedBy) {

    public AccessInterval {
        flows = List.copyOf(flows);
        changes = List.copyOf(changes);
    }
}
