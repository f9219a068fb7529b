package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Mirrors NetBird's schema {@code NetworkRouter} ({@code NetworkRouterRequest} plus {@code id}; response of
 * {@code /api/networks/.../routers...}). {@code peer} or {@code peer_groups} is left out when the router uses the
 * other.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NetworkRouter(
    @JsonProperty("id") String id,
    @JsonProperty("peer") String peer,
    @JsonProperty("peer_groups") List<String> peerGroups,
    @JsonProperty("metric") int metric,
    @JsonProperty("masquerade") boolean masquerade,
    @JsonProperty("enabled") boolean enabled) {}
