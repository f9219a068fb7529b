package io.netloom.daemon.status;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * One remote peer as {@code netloom status} shows it: who it is, how the path to it stands, what WireGuard sees.
 * {@code relay_transport} ({@code udp|tcp|tls}) and {@code relay_server} are set while the path runs through a relay
 * allocation of this device's own, and {@code relay_fallback} then lists the relays passed over before it.
 */
public record PeerStatus(
        @JsonProperty("id") String id,
        @JsonProperty("fqdn") String fqdn,
        @JsonProperty("overlay_ip") String overlayIp,
        @JsonProperty("public_key") String publicKey,
        @JsonProperty("online_at_gateway") boolean onlineAtGateway,
        @JsonProperty("state") String state,
        @JsonProperty("connection_type") String connectionType,
        @JsonProperty("local_candidate_type") String localCandidateType,
        @JsonProperty("local_endpoint") String localEndpoint,
        @JsonProperty("remote_candidate_type") String remoteCandidateType,
        @JsonProperty("remote_endpoint") String remoteEndpoint,
        @JsonProperty("data_path") String dataPath,
        @JsonProperty("relay_transport") String relayTransport,
        @JsonProperty("relay_server") String relayServer,
        @JsonProperty("relay_fallback") List<RelayFallback> relayFallback,
        @JsonProperty("latency_ms") Double latencyMillis,
        @JsonProperty("last_handshake") Instant lastHandshake,
        @JsonProperty("received_bytes") long receivedBytes,
        @JsonProperty("sent_bytes") long sentBytes,
        @JsonProperty("last_error") String lastError,
        @JsonProperty("state_since") Instant stateSince) {

    public PeerStatus {
        // A daemon from before relay_fallback sends none.
        relayFallback = relayFallback == null ? List.of() : List.copyOf(relayFallback);
    }
}
