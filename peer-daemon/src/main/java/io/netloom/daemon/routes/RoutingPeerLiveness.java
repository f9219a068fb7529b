package io.netloom.daemon.routes;

import io.netloom.daemon.ice.ConnectionStatus;
import io.netloom.daemon.ice.ConnectionType;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Whether a routing peer can carry a route's traffic now, from what the gateway, the ICE path and WireGuard say
 * (ADR 0032). A routing peer that vanishes silently (power cut, uplink gone) keeps its gateway session until the
 * gateway's heartbeat timeout and its ICE path {@code connected} until the path's inactivity timeout (30 s); the
 * path probes, answered by the remote every probe interval, stop arriving at once. So a path from which nothing
 * arrived for {@link #SILENT_PROBES} probe intervals counts as down for routing, while ICE itself keeps waiting
 * for its longer timeout before it renegotiates (a short outage must not tear down every other tunnel's path).
 */
public final class RoutingPeerLiveness {

    /** Probe intervals without anything from the remote after which its path no longer carries routes. */
    public static final int SILENT_PROBES = 3;

    private final Duration silenceLimit;

    /** @param probeInterval how often this side probes its paths ({@code IceTimings#probeInterval}) */
    public RoutingPeerLiveness(Duration probeInterval) {
        this.silenceLimit = Objects.requireNonNull(probeInterval, "probeInterval").multipliedBy(SILENT_PROBES);
    }

    /** How long a connected path may stay silent and still carry routes. */
    public Duration silenceLimit() {
        return silenceLimit;
    }

    /**
     * @param gatewayConnected the map's {@code connected} flag for the peer
     * @param path the ICE connection's status, {@code null} when there is no connection
     * @param awaitingHandshake the peer came back (gateway session restored) and WireGuard has had no handshake
     *     with it since: its old path may still look connected while it is dead
     * @param now the same clock {@link ConnectionStatus#lastReceived()} is on
     */
    public RoutingPeerLink link(boolean gatewayConnected, ConnectionStatus path, boolean awaitingHandshake,
            Instant now) {
        boolean tunnelUp = !awaitingHandshake && (path == null || "idle".equals(path.state())
                || path.connected() && !silent(path.lastReceived(), now));
        return new RoutingPeerLink(gatewayConnected && tunnelUp,
                path != null && path.type() == ConnectionType.RELAYED,
                path == null ? null : path.latency());
    }

    private boolean silent(Instant lastReceived, Instant now) {
        return lastReceived != null && Duration.between(lastReceived, now).compareTo(silenceLimit) > 0;
    }
}
