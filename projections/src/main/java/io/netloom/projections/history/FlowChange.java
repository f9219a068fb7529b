package io.netloom.projections.history;

import java.util.List;

/** The flows between two peers as an event left them, while access between them lasted. */
public record FlowChange(EventRef event, List<AllowedFlow> flows) {

    public FlowChange {
        flows = List.copyOf(flows);
    }
}
