package io.netloom.daemon.status;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * One highly available route as {@code netloom routes list} and {@code netloom status -d} show it.
 *
 * @param selected whether the user's choice lets the device use it ({@code skip_auto_apply} routes need a
 *     {@code netloom routes select})
 * @param chosenPeer the routing peer the traffic goes through, {@code null} while the route is not used
 */
public record RouteStatus(
        @JsonProperty("network_id") String networkId,
        @JsonProperty("network") String network,
        @JsonProperty("skip_auto_apply") boolean skipAutoApply,
        @JsonProperty("selected") boolean selected,
        @JsonProperty("chosen_peer") String chosenPeer,
        @JsonProperty("routing_peers") List<RoutingPeer> routingPeers) {

    public RouteStatus {
        routingPeers = routingPeers == null ? List.of() : routingPeers.stream().filter(Objects::nonNull).toList();
    }

    /**
     * One routing peer of the route.
     *
     * @param state {@code connected}, {@code relayed} or {@code down}
     */
    public record RoutingPeer(
            @JsonProperty("peer") String peer,
            @JsonProperty("route_id") String routeId,
            @JsonProperty("metric") int metric,
            @JsonProperty("state") String state,
            @JsonProperty("latency_ms") Double latencyMillis) {
    }
}
