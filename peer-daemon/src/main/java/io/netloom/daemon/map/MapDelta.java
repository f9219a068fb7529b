package io.netloom.daemon.map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A change from the map at {@code baseSerial} to the map at {@code serial} (docs/protocol.md, section 2). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MapDelta(
        @JsonProperty("base_serial") long baseSerial,
        @JsonProperty("serial") long serial,
        @JsonProperty("config") MapConfig config,
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
        @JsonProperty("added_nameserver_groups") List<NameserverGroup> addedNameserverGroups,
        @JsonProperty("removed_nameserver_groups") List<NameserverGroup> removedNameserverGroups,
        @JsonProperty("added_dns_zones") List<DnsZone> addedDnsZones,
        @JsonProperty("removed_dns_zones") List<DnsZone> removedDnsZones,
        @JsonProperty("added_dns_records") List<DnsRecord> addedDnsRecords,
        @JsonProperty("removed_dns_records") List<DnsRecord> removedDnsRecords) {

    public MapDelta {
        upsertedPeers = upsertedPeers == null ? List.of() : List.copyOf(upsertedPeers);
        removedPeers = removedPeers == null ? List.of() : List.copyOf(removedPeers);
        addedRules = addedRules == null ? List.of() : List.copyOf(addedRules);
        removedRules = removedRules == null ? List.of() : List.copyOf(removedRules);
        addedRoutes = addedRoutes == null ? List.of() : List.copyOf(addedRoutes);
        removedRoutes = removedRoutes == null ? List.of() : List.copyOf(removedRoutes);
        addedServedRoutes = addedServedRoutes == null ? List.of() : List.copyOf(addedServedRoutes);
        removedServedRoutes = removedServedRoutes == null ? List.of() : List.copyOf(removedServedRoutes);
        addedForwardRules = addedForwardRules == null ? List.of() : List.copyOf(addedForwardRules);
        removedForwardRules = removedForwardRules == null ? List.of() : List.copyOf(removedForwardRules);
        addedNameserverGroups = addedNameserverGroups == null ? List.of() : List.copyOf(addedNameserverGroups);
        removedNameserverGroups = removedNameserverGroups == null ? List.of() : List.copyOf(removedNameserverGroups);
        addedDnsZones = addedDnsZones == null ? List.of() : List.copyOf(addedDnsZones);
        removedDnsZones = removedDnsZones == null ? List.of() : List.copyOf(removedDnsZones);
        addedDnsRecords = addedDnsRecords == null ? List.of() : List.copyOf(addedDnsRecords);
        removedDnsRecords = removedDnsRecords == null ? List.of() : List.copyOf(removedDnsRecords);
    }

    /** A delta that leaves the DNS sections as they are. */
    public MapDelta(long baseSerial, long serial, MapConfig config, List<RemotePeer> upsertedPeers,
            List<String> removedPeers, List<InboundRule> addedRules, List<InboundRule> removedRules,
            List<RouteEntry> addedRoutes, List<RouteEntry> removedRoutes, List<ServedRoute> addedServedRoutes,
            List<ServedRoute> removedServedRoutes, List<ForwardRule> addedForwardRules,
            List<ForwardRule> removedForwardRules) {
        this(baseSerial, serial, config, upsertedPeers, removedPeers, addedRules, removedRules, addedRoutes,
                removedRoutes, addedServedRoutes, removedServedRoutes, addedForwardRules, removedForwardRules,
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** A delta that leaves the routes and DNS sections as they are. */
    public MapDelta(long baseSerial, long serial, MapConfig config, List<RemotePeer> upsertedPeers,
            List<String> removedPeers, List<InboundRule> addedRules, List<InboundRule> removedRules) {
        this(baseSerial, serial, config, upsertedPeers, removedPeers, addedRules, removedRules, List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of());
    }

    public boolean appliesTo(NetworkMap map) {
        return map != null && map.serial() == baseSerial;
    }

    /** The map after this change; only call when {@link #appliesTo} holds. */
    public NetworkMap applyTo(NetworkMap map) {
        if (!appliesTo(map)) {
            throw new IllegalArgumentException("delta from serial " + baseSerial + " does not apply to serial "
                    + (map == null ? "none" : map.serial()));
        }
        Map<String, RemotePeer> peers = new LinkedHashMap<>();
        map.remotePeers().forEach(peer -> peers.put(peer.id(), peer));
        removedPeers.forEach(peers::remove);
        upsertedPeers.forEach(peer -> peers.put(peer.id(), peer));
        return new NetworkMap(serial, config != null ? config : map.config(), List.copyOf(peers.values()),
                applySet(map.inboundRules(), removedRules, addedRules), applySet(map.routes(), removedRoutes, addedRoutes),
                applySet(map.servedRoutes(), removedServedRoutes, addedServedRoutes),
                applySet(map.forwardRules(), removedForwardRules, addedForwardRules),
                applySet(map.nameserverGroups(), removedNameserverGroups, addedNameserverGroups),
                applySet(map.dnsZones(), removedDnsZones, addedDnsZones),
                applySet(map.dnsRecords(), removedDnsRecords, addedDnsRecords));
    }

    /** A section with entries equal to a removed one taken out and the added ones appended once, in order. */
    private static <T> List<T> applySet(List<T> held, List<T> removed, List<T> added) {
        Set<T> gone = new HashSet<>(removed);
        List<T> result = new ArrayList<>();
        held.stream().filter(entry -> !gone.contains(entry)).forEach(result::add);
        Set<T> present = new HashSet<>(result);
        added.stream().filter(present::add).forEach(result::add);
        return List.copyOf(result);
    }
}
