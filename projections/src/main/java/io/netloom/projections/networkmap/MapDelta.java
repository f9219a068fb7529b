package io.netloom.projections.networkmap;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * One delta with the effect of this one followed by {@code next}, for a peer that has fallen
     * behind: it then receives one message instead of many.
     */
    public MapDelta followedBy(MapDelta next) {
        if (next.baseSerial != serial) {
            throw new IllegalArgumentException("delta from serial " + next.baseSerial + " does not follow serial " + serial);
        }
        Map<String, RemotePeer> upserts = new LinkedHashMap<>();
        upsertedPeers.forEach(peer -> upserts.put(peer.id(), peer));
        SortedSet<String> removals = new TreeSet<>(removedPeers);
        next.removedPeers.forEach(id -> {
            upserts.remove(id);
            removals.add(id);
        });
        next.upsertedPeers.forEach(peer -> {
            removals.remove(peer.id());
            upserts.put(peer.id(), peer);
        });
        SortedSet<InboundRule> added = new TreeSet<>(addedRules);
        SortedSet<InboundRule> removed = new TreeSet<>(removedRules);
        next.removedRules.forEach(rule -> {
            added.remove(rule);
            removed.add(rule);
        });
        next.addedRules.forEach(rule -> {
            removed.remove(rule);
            added.add(rule);
        });
        List<RemotePeer> upserted = new ArrayList<>(upserts.values());
        upserted.sort(null);
        return new MapDelta(baseSerial, next.serial, next.config != null ? next.config : config, upserted,
                List.copyOf(removals), List.copyOf(added), List.copyOf(removed));
    }
}
