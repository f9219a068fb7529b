package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * Mirrors NetBird's schema {@code PeerBatch} ({@code Peer} + required {@code accessible_peers_count}): the
 * element type of {@code GET /api/peers}, which is not a plain {@code Peer}. Serialization only: the peer's
 * properties are unwrapped next to {@code accessible_peers_count}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PeerBatch(
    @JsonUnwrapped Peer peer,
    @JsonProperty("accessible_peers_count") int accessiblePeersCount) {}
