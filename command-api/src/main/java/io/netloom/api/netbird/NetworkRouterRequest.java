package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Mirrors NetBird's schema {@code NetworkRouterRequest} (body of {@code POST /api/networks/{networkId}/routers}
 * and {@code PUT .../routers/{routerId}}). Required: {@code metric}, {@code masquerade}, {@code enabled}; exactly
 * one of {@code peer} and {@code peer_groups}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record NetworkRouterRequest(
    @JsonProperty("peer") String peer,
    @JsonProperty("peer_groups") List<String> peerGroups,
    @JsonProperty("metric") Integer metric,
    @JsonProperty("masquerade") Boolean masquerade,
    @JsonProperty("enabled") Boolean enabled) {}
