package io.netloom.daemon.routes;

import java.time.Duration;

/**
 * How the tunnel to one routing peer stands, as far as choosing it for a route goes.
 *
 * @param usable the peer is in the map and its tunnel is up (or, before the tunnel reports anything, the gateway
 *     says it is connected)
 * @param relayed the tunnel runs through a TURN relay
 * @param latency round-trip time over the tunnel, {@code null} while unknown
 */
public record RoutingPeerLink(boolean usable, boolean relayed, Duration latency) {

    /** A peer nothing is known about: never preferred over one that works. */
    public static final RoutingPeerLink DOWN = new RoutingPeerLink(false, false, null);
}
