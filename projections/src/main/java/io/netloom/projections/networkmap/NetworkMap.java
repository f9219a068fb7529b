package io.netloom.projections.networkmap;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Everything one peer receives: its own configuration, the peers it may reach (sorted by id) and the
 * inbound firewall rules it enforces (sorted). The serial grows by one with every change to this map;
 * routes, DNS records and posture checks will join as further sorted sections diffed the same way.
 */
public record NetworkMap(
        long serial,
        PeerConfig config,
        @JsonProperty("remote_peers") List<RemotePeer> remotePeers,
        @JsonProperty("inbound_rules") List<InboundRule> inboundRules) {

    public NetworkMap {
        remotePeers = List.copyOf(remotePeers);
        inboundRules = List.copyOf(inboundRules);
    }

    public NetworkMap withSerial(long value) {
        return new NetworkMap(value, config, remotePeers, inboundRules);
    }
}
