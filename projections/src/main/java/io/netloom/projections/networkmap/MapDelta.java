package io.netloom.projections.networkmap;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns the map a peer holds at {@code baseSerial} into the map at {@code serial}. Removals and
 * additions never name the same entry, so they can be applied in any order; a changed remote peer
 * is simply upserted again. The rules, routes and DNS sections have set semantics (docs/protocol.md §2b, §2d):
 * an entry is removed by being equal to it, a changed entry is one removal and one addition.
 *
 * @param config the peer's new own configuration, or null when it did not change
 */
public record MapDelta(
        @JsonProperty("base_serial") long baseSerial,
        long serial,
        PeerConfig config,
        @JsonProperty("upserted_peers") List<RemotePeer> upsertedPeers,
        @JsonProperty("removed_peers") List<String> removedPeers,
        @JsonProperty("added_rules") List<InboundRule> addedRules,
        @JsonProperty("removed_rules") List<InboundRule> removedRules,
        @JsonProperty("added_routes") List<RouteEntry> addedRoutes,
        @JsonProperty("removed_routes") List<RouteEntry> removedRoutes,
        @JsonProperty("added_served_routes") List<ServedRoute> addedServedRoutes,
        @JsonProperty("removed_served_routes") List<ServedRoute> removedServedRoutes,
        @JsonProperty("added_forward_rules") List<ForwardRule> addedForwardRules,
        @JsonProperty("removed_forward_rules") List<ForwardRule> removedForwardRules,
        @JsonProperty("added_nameserver_groups") List<NameserverGroupEntry> addedNameserverGroups,
        @JsonProperty("removed_nameserver_groups") List<NameserverGroupEntry> removedNameserverGroups,
        @JsonProperty("added_dns_zones") List<DnsZoneEntry> addedDnsZones,
        @JsonProperty("removed_dns_zones") List<DnsZoneEntry> removedDnsZones,
        @JsonProperty("added_dns_records") List<DnsRecordEntry> addedDnsRecords,
        @JsonProperty("removed_dns_records") List<DnsRecordEntry> removedDnsRecords) {

    public MapDelta {
        if (serial <= baseSerial) {
            throw new IllegalArgumentException("a delta must move a map forward, not from " + baseSerial + " to " + serial);
        }
        upsertedPeers = List.copyOf(upsertedPeers);
        removedPeers = List.copyOf(removedPeers);
        addedRules = List.copyOf(addedRules);
        removedRules = List.copyOf(removedRules);
        addedRoutes = List.copyOf(addedRoutes);
        removedRoutes = List.copyOf(removedRoutes);
        addedServedRoutes = List.copyOf(addedServedRoutes);
        removedServedRoutes = List.copyOf(removedServedRoutes);
        addedForwardRules = List.copyOf(addedForwardRules);
        removedForwardRules = List.copyOf(removedForwardRules);
        addedNameserverGroups = List.copyOf(addedNameserverGroups);
        removedNameserverGroups = List.copyOf(removedNameserverGroups);
        addedDnsZones = List.copyOf(addedDnsZones);
        removedDnsZones = List.copyOf(removedDnsZones);
        addedDnsRecords = List.copyOf(addedDnsRecords);
        removedDnsRecords = List.copyOf(removedDnsRecords);
    }

    /** A delta that leaves the DNS sections as they are. */
    public MapDelta(long baseSerial, long serial, PeerConfig config, List<RemotePeer> upsertedPeers,
            List<String> removedPeers, List<InboundRule> addedRules, List<InboundRule> removedRules,
            List<RouteEntry> addedRoutes, List<RouteEntry> removedRoutes, List<ServedRoute> addedServedRoutes,
            List<ServedRoute> removedServedRoutes, List<ForwardRule> addedForwardRules,
            List<ForwardRule> removedForwardRules) {
        this(baseSerial, serial, config, upsertedPeers, removedPeers, addedRules, removedRules, addedRoutes,
                removedRoutes, addedServedRoutes, removedServedRoutes, addedForwardRules, removedForwardRules, List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** A delta that leaves the routes and DNS sections as they are. */
    public MapDelta(long baseSerial, long serial, PeerConfig config, List<RemotePeer> upsertedPeers,
            List<String> removedPeers, List<InboundRule> addedRules, List<InboundRule> removedRules) {
        this(baseSerial, serial, config, upsertedPeers, removedPeers, addedRules, removedRules, List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of());
    }

    /** The map as its peer holds it after this delta. */
    public NetworkMap applyTo(NetworkMap map) {
        if (map.serial() != baseSerial) {
            throw new IllegalArgumentException("delta from serial " + baseSerial + " cannot apply to map at " + map.serial());
        }
        SortedMap<String, RemotePeer> peers = new TreeMap<>();
        map.remotePeers().forEach(peer -> peers.put(peer.id(), peer));
        removedPeers.forEach(peers::remove);
        upsertedPeers.forEach(peer -> peers.put(peer.id(), peer));
        return new NetworkMap(serial, config == null ? map.config() : config, List.copyOf(peers.values()),
                applySet(map.inboundRules(), removedRules, addedRules),
                applySet(map.routes(), removedRoutes, addedRoutes),
                applySet(map.servedRoutes(), removedServedRoutes, addedServedRoutes),
                applySet(map.forwardRules(), removedForwardRules, addedForwardRules),
                applySet(map.nameserverGroups(), removedNameserverGroups, addedNameserverGroups),
                applySet(map.dnsZones(), removedDnsZones, addedDnsZones),
                applySet(map.dnsRecords(), removedDnsRecords, addedDnsRecords));
    }

    private static <T extends Comparable<T>> List<T> applySet(List<T> held, List<T> removed, List<T> added) {
        SortedSet<T> entries = new TreeSet<>(held);
        removed.forEach(entries::remove);
        entries.addAll(added);
        return List.copyOf(entries);
    }
}
