package io.netloom.api.netloom;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One path a peer's daemon reported it uses to another peer (ADR 0038): an entry of {@code netloom_connections} in
 * NetBird's peer object, which has no such field. The values are those of {@code netloom status --json}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Netloom extension: a path this peer's daemon reported it uses to another peer, live while "
        + "the peer is connected to the gateway (ADR 0038)")
public record ReportedConnection(
        @Schema(description = "the other peer's id", requiredMode = Schema.RequiredMode.REQUIRED)
        @JsonProperty("peer_id") String peerId,
        @Schema(description = "the other peer's name", requiredMode = Schema.RequiredMode.REQUIRED)
        @JsonProperty("peer_name") String peerName,
        @Schema(description = "P2P: straight between the two devices; RELAYED: through a TURN relay of either side",
                allowableValues = {"P2P", "RELAYED"}, requiredMode = Schema.RequiredMode.REQUIRED)
        @JsonProperty("connection_type") String connectionType,
        @Schema(description = "ICE type of this peer's end of the path", allowableValues = {"host", "srflx", "prflx",
                "relay"}, requiredMode = Schema.RequiredMode.REQUIRED)
        @JsonProperty("local_candidate_type") String localCandidateType,
        @Schema(description = "ICE type of the other end", allowableValues = {"host", "srflx", "prflx", "relay"},
                requiredMode = Schema.RequiredMode.REQUIRED)
        @JsonProperty("remote_candidate_type") String remoteCandidateType,
        @Schema(description = "the address and port this peer sends the other's traffic to", example = "203.0.113.7:51820",
                requiredMode = Schema.RequiredMode.REQUIRED)
        @JsonProperty("remote_endpoint") String remoteEndpoint,
        @Schema(description = "how this peer reaches its own relay allocation; only when it relays through one",
                allowableValues = {"udp", "tcp", "tls"})
        @JsonProperty("relay_transport") String relayTransport,
        @Schema(description = "round trip over the path in milliseconds, once measured")
        @JsonProperty("latency_ms") Double latencyMillis) {}
