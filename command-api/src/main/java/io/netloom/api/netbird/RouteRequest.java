package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Mirrors NetBird's schema {@code RouteRequest} (body of {@code POST /api/routes} and
 * {@code PUT /api/routes/{routeId}}). Required: {@code network_id}, {@code enabled}, {@code metric},
 * {@code masquerade}, {@code groups}, {@code keep_route} (the schema also lists {@code id} and
 * {@code description}; NetBird itself accepts bodies without them); exactly one of {@code peer} and
 * {@code peer_groups}, exactly one of {@code network} and {@code domains}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RouteRequest(
    @JsonProperty("description") String description,
    @JsonProperty("network_id") String networkId,
    @JsonProperty("enabled") Boolean enabled,
    @JsonProperty("peer") String peer,
    @JsonProperty("peer_groups") List<String> peerGroups,
    @JsonProperty("network") String network,
    @JsonProperty("domains") List<String> domains,
    @JsonProperty("metric") Integer metric,
    @JsonProperty("masquerade") Boolean masquerade,
    @JsonProperty("groups") List<String> groups,
    @JsonProperty("keep_route") Boolean keepRoute,
    @JsonProperty("access_control_groups") List<String> accessControlGroups,
    @JsonProperty("skip_auto_apply") Boolean skipAutoApply) {}
