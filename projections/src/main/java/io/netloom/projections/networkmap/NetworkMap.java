package io.netloom.projections.networkmap;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Everything one peer receives: its own configuration, the peers it may reach (sorted by id), the
 * inbound firewall rules it enforces, the routes sections of docs/protocol.md §2b (the networks it
 * reaches through routing peers, the networks it serves and what it forwards to them) and the DNS sections
 * of §2d (nameserver groups, custom zones and their records), each sorted. The serial grows by one with every
 * change to this map.
 */
public record NetworkMap(
        long serial,
        PeerConfig config,
        @JsonProperty("remote_peers") List<RemotePeer> remotePeers,
        @JsonProperty("inbound_rules") List<InboundRule> inboundRules,
        List<RouteEntry> routes,
        @JsonProperty("served_routes") List<ServedRoute> servedRoutes,
        @JsonProperty("forward_rules") List<ForwardRule> forwardRules,
        @JsonProperty("nameserver_groups") List<NameserverGroupEntry> nameserverGroups,
        @JsonProperty("dns_zones") List<DnsZoneEntry> dnsZones,
        @JsonProperty("dns_records") List<DnsRecordEntry> dnsRecords) {

    public NetworkMap {
        remotePeers = List.copyOf(remotePeers);
        inboundRules = List.copyOf(inboundRules);
        routes = List.copyOf(routes);
        servedRoutes = List.copyOf(servedRoutes);
        forwardRules = List.copyOf(forwardRules);
        nameserverGroups = List.copyOf(nameserverGroups);
        dnsZones = List.copyOf(dnsZones);
        dnsRecords = List.copyOf(dnsRecords);
    }

    /** A map without DNS sections. */
    public NetworkMap(long serial, PeerConfig config, List<RemotePeer> remotePeers, List<InboundRule> inboundRules,
            List<RouteEntry> routes, List<ServedRoute> servedRoutes, List<ForwardRule> forwardRules) {
        this(serial, config, remotePeers, inboundRules, routes, servedRoutes, forwardRules, List.of(), List.of(),
                List.of());
    }

    /** A map without routes. */
    public NetworkMap(long serial, PeerConfig config, List<RemotePeer> remotePeers, List<InboundRule> inboundRules) {
        this(serial, config, remotePeers, inboundRules, List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of());
    }

    public NetworkMap withSerial(long value) {
        return new NetworkMap(value, config, remotePeers, inboundRules, routes, servedRoutes, forwardRules,
                nameserverGroups, dnsZones, dnsRecords);
    }
}
