package io.netloom.daemon.map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The map the gateway holds for this device at {@code serial}: who it may talk to and what may reach it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NetworkMap(
        @JsonProperty("serial") long serial,
        @JsonProperty("config") MapConfig config,
        @JsonProperty("remote_peers") List<RemotePeer> remotePeers,
        @JsonProperty("inbound_rules") List<InboundRule> inboundRules) {

    public NetworkMap {
        remotePeers = remotePeers == null ? List.of() : List.copyOf(remotePeers);
        inboundRules = inboundRules == null ? List.of() : List.copyOf(inboundRules);
    }
}
