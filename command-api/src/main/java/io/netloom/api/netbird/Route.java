package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Mirrors NetBird's schema {@code Route} ({@code RouteRequest} plus {@code id} and {@code network_type}; response
 * of {@code /api/routes...}). Required: {@code id}, {@code network_type}, {@code description}, {@code network_id},
 * {@code enabled}, {@code metric}, {@code masquerade}, {@code groups}, {@code keep_route}. {@code peer} or
 * {@code peer_groups} is left out when the route uses the other; {@code domains} is never sent (no domain routes).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Route(
    @JsonProperty("id") String id,
    @JsonProperty("network_type") String networkType,
    @JsonProperty("description") String description,
    @JsonProperty("network_id") String networkId,
    @JsonProperty("enabled") boolean enabled,
    @JsonProperty("peer") String peer,
    @JsonProperty("peer_groups") List<String> peerGroups,
    @JsonProperty("network") String network,
    @JsonProperty("metric") int metric,
    @JsonProperty("masquerade") boolean masquerade,
    @JsonProperty("groups") List<String> groups,
    @JsonProperty("keep_route") boolean keepRoute,
    @JsonProperty("access_control_groups") List<String> accessControlGroups,
    @JsonProperty("skip_auto_apply") boolean skipAutoApply) {}
