package io.netloom.daemon.cli;

import io.netloom.daemon.map.ServedRoute;
import io.netloom.daemon.status.RouteStatus;
import java.util.List;
import java.util.stream.Collectors;

/** How {@code netloom routes list} and {@code netloom status -d} show routes. */
final class RoutesView {

    private RoutesView() {
    }

    static String list(List<RouteStatus> routes) {
        if (routes.isEmpty()) {
            return "No routes available.\n";
        }
        StringBuilder out = new StringBuilder("Available routes:\n");
        for (RouteStatus route : routes) {
            out.append("\n  - ID: ").append(route.networkId()).append('\n');
            out.append("    Network: ").append(route.network())
                    .append("0.0.0.0/0".equals(route.network()) ? " (exit node)" : "").append('\n');
            out.append("    Status: ").append(state(route)).append('\n');
            out.append("    Routing peers:\n");
            for (RouteStatus.RoutingPeer peer : route.routingPeers()) {
                out.append("      ").append(peer.peer().equals(route.chosenPeer()) ? "* " : "  ").append(peer.peer())
                        .append(" (metric ").append(peer.metric()).append(", ").append(peer.state())
                        .append(peer.latencyMillis() == null ? "" : String.format(", %.3f ms", peer.latencyMillis()))
                        .append(")\n");
            }
        }
        return out.toString();
    }

    /** The {@code status -d} part: routes used, with their routing peer, and routes served. */
    static String detail(List<RouteStatus> routes, List<ServedRoute> served) {
        StringBuilder out = new StringBuilder();
        out.append("Routes used: ").append(routes.isEmpty() ? "-" : "").append('\n');
        for (RouteStatus route : routes) {
            out.append("  ").append(route.networkId()).append(' ').append(route.network()).append(": ")
                    .append(route.chosenPeer() == null ? state(route) : "via " + route.chosenPeer()).append('\n');
        }
        out.append("Routes served: ").append(served.isEmpty() ? "-" : served.stream()
                .map(route -> route.networkId() + " " + route.network() + (route.masquerade() ? " (masquerade)" : ""))
                .collect(Collectors.joining(", "))).append('\n');
        return out.toString();
    }

    private static String state(RouteStatus route) {
        if (!route.selected()) {
            return route.skipAutoApply() ? "not selected (run `netloom routes select " + route.networkId() + "`)"
                    : "deselected";
        }
        return route.chosenPeer() == null ? "selected, no routing peer" : "selected, via " + route.chosenPeer();
    }
}
