package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Mirrors NetBird's schema {@code PeerMinimum} (the peers listed in a {@code Group}). Both properties are
 * required; {@code name} is the peer's name.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PeerMinimum(
    @JsonProperty("id") String id,
    @JsonProperty("name") String name) {}
