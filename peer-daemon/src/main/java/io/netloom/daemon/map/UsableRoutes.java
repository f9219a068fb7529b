package io.netloom.daemon.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The routes of a map this device can use, and a readable reason for each one it cannot. Like {@link UsablePeers},
 * a bad entry (a network that is not a clean IPv4 prefix outside the overlay, a routing peer that is not a usable
 * remote peer) is set aside and shown in {@code status}; the other routes still apply.
 */
public record UsableRoutes(List<RouteEntry> routes, List<String> problems) {

    /**
     * @param overlay the overlay the map's own addresses lie in
     * @param usablePeerIds the remote peers this device configures ({@link UsablePeers}): a route through any other
     *     peer would have no tunnel to go through
     */
    public static UsableRoutes of(List<RouteEntry> entries, OverlayBounds overlay, Set<String> usablePeerIds) {
        List<RouteEntry> usable = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (RouteEntry entry : entries) {
            Optional<String> problem = problemWith(entry, overlay, usablePeerIds);
            if (problem.isPresent()) {
                problems.add("route " + entry.id() + " (" + entry.networkId() + ") ignored: " + problem.get());
            } else {
                usable.add(entry);
            }
        }
        return new UsableRoutes(List.copyOf(usable), List.copyOf(problems));
    }

    private static Optional<String> problemWith(RouteEntry entry, OverlayBounds overlay, Set<String> usablePeerIds) {
        if (entry.networkId() == null || entry.networkId().isBlank()) {
            return Optional.of("it has no network_id");
        }
        Optional<String> network = overlay.routeProblem(entry.network());
        if (network.isPresent()) {
            return network;
        }
        if (entry.peer() == null || !usablePeerIds.contains(entry.peer())) {
            return Optional.of("routing peer " + entry.peer() + " is not a usable remote peer");
        }
        return Optional.empty();
    }
}
