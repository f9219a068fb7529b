package io.netloom.daemon.map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The map the gateway holds for this device at {@code serial}: who it may talk to, what may reach it, the networks
 * it may reach through routing peers, as a routing peer what it forwards, and the resolvers and custom zones of its
 * DNS (docs/protocol.md, sections 2, 2b, 2d).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NetworkMap(
        @JsonProperty("serial") long serial,
        @JsonProperty("config") MapConfig config,
        @JsonProperty("remote_peers") List<RemotePeer> remotePeers,
        @JsonProperty("inbound_rules") List<InboundRule> inboundRules,
        @JsonProperty("routes") List<RouteEntry> routes,
        @JsonProperty("served_routes") List<ServedRoute> servedRoutes,
        @JsonProperty("forward_rules") List<ForwardRule> forwardRules,
        @JsonProperty("nameserver_groups") List<NameserverGroup> nameserverGroups,
        @JsonProperty("dns_zones") List<DnsZone> dnsZones,
        @JsonProperty("dns_records") List<DnsRecord> dnsRecords) {

    public NetworkMap {
        remotePeers = remotePeers == null ? List.of() : List.copyOf(remotePeers);
        inboundRules = inboundRules == null ? List.of() : List.copyOf(inboundRules);
        routes = routes == null ? List.of() : List.copyOf(routes);
        servedRoutes = servedRoutes == null ? List.of() : List.copyOf(servedRoutes);
        forwardRules = forwardRules == null ? List.of() : List.copyOf(forwardRules);
        nameserverGroups = nameserverGroups == null ? List.of() : List.copyOf(nameserverGroups);
        dnsZones = dnsZones == null ? List.of() : List.copyOf(dnsZones);
        dnsRecords = dnsRecords == null ? List.of() : List.copyOf(dnsRecords);
    }

    /** A map without DNS sections. */
    public NetworkMap(long serial, MapConfig config, List<RemotePeer> remotePeers, List<InboundRule> inboundRules,
            List<RouteEntry> routes, List<ServedRoute> servedRoutes, List<ForwardRule> forwardRules) {
        this(serial, config, remotePeers, inboundRules, routes, servedRoutes, forwardRules, List.of(), List.of(),
                List.of());
    }

    /** A map without routes or DNS sections. */
    public NetworkMap(long serial, MapConfig config, List<RemotePeer> remotePeers, List<InboundRule> inboundRules) {
        this(serial, config, remotePeers, inboundRules, List.of(), List.of(), List.of());
    }
}
