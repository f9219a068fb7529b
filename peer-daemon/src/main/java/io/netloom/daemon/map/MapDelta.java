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
        @JsonProperty("removed_rules") List<InboundRule> removedRules) {

    public MapDelta {
        upsertedPeers = upsertedPeers == null ? List.of() : List.copyOf(upsertedPeers);
        removedPeers = removedPeers == null ? List.of() : List.copyOf(removedPeers);
        addedRules = addedRules == null ? List.of() : List.copyOf(addedRules);
        removedRules = removedRules == null ? List.of() : List.copyOf(removedRules);
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
        Set<InboundRule> removed = new HashSet<>(removedRules);
        List<InboundRule> rules = new ArrayList<>();
        map.inboundRules().stream().filter(rule -> !removed.contains(rule)).forEach(rules::add);
        addedRules.stream().filter(rule -> !rules.contains(rule)).forEach(rules::add);
        return new NetworkMap(serial, config != null ? config : map.config(), List.copyOf(peers.values()), rules);
    }
}
