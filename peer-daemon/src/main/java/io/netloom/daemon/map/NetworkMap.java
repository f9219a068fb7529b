package io.netloom.daemon.map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The map the gateway holds for this device at {@code serial}: who it may talk to, what may reach it, the networks
 * it may reach through routing peers, and, as a routing peer, what it forwards (docs/protocol.md, sections 2, 2b).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NetworkMap(
        @JsonProperty("serial") long serial,
        @JsonProperty("config") MapConfig config,
        @JsonProperty("remote_peers") List<RemotePeer> remotePeers,
        @JsonProperty("inbound_rules") List<InboundRule> inboundRules,
        @JsonProperty("routes") List<RouteEntry> routes,
        @JsonProperty("served_routes") List<ServedRoute> servedRoutes,
        @JsonProperty("forward_rules") List<ForwardRule> forwardRules) {

    public NetworkMap {
        remotePeers = remotePeers == null ? List.of() : List.copyOf(remotePeers);
        inboundRules = inboundRules == null ? List.of() : List.copyOf(inboundRules);
        routes = routes == null ? List.of() : List.copyOf(routes);
        servedRoutes = servedRoutes == null ? List.of() : List.copyOf(servedRoutes);
        forwardRules = forwardRules == null ? List.of() : List.copyOf(forwardRules);
    }

    /** A map without routes. */
    public NetworkMap(long serial, MapConfig config, List<RemotePeer> remotePeers, List<InboundRule> inboundRules) {
        this(serial, config, remotePeers, inboundRules, List.of(), List.of(), List.of());
    }
}
