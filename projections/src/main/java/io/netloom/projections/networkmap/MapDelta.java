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
 * is simply upserted again.
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
        @JsonProperty("removed_rules") List<InboundRule> removedRules) {

    public MapDelta {
        if (serial <= baseSerial) {
            throw new IllegalArgumentException("a delta must move a map forward, not from " + baseSerial + " to " + serial);
        }
        upsertedPeers = List.copyOf(upsertedPeers);
        removedPeers = List.copyOf(removedPeers);
        addedRules = List.copyOf(addedRules);
        removedRules = List.copyOf(removedRules);
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
        SortedSet<InboundRule> rules = new TreeSet<>(map.inboundRules());
        removedRules.forEach(rules::remove);
        rules.addAll(addedRules);
        return new NetworkMap(serial, config == null ? map.config() : config, List.copyOf(peers.values()),
                List.copyOf(rules));
    }
}
