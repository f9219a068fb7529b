package io.netloom.projections.networkmap;

import java.util.List;

/** One peer's routes sections (docs/protocol.md §2b), each sorted. */
record RouteSections(List<RouteEntry> routes, List<ServedRoute> served, List<ForwardRule> forwardRules) {

    static final RouteSections NONE = new RouteSections(List.of(), List.of(), List.of());

    RouteSections {
        routes = List.copyOf(routes);
        served = List.copyOf(served);
        forwardRules = List.copyOf(forwardRules);
    }
}
