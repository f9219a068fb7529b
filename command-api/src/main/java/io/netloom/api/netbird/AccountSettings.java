package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Mirrors NetBird's schema {@code AccountSettings} (in {@code Account} responses and {@code AccountRequest}
 * requests, hence boxed). Required in a response: {@code peer_login_expiration_enabled},
 * {@code peer_login_expiration} (seconds), {@code peer_inactivity_expiration_enabled},
 * {@code peer_inactivity_expiration} (seconds), {@code regular_users_view_blocked}, {@code peer_expose_enabled}
 * and {@code peer_expose_groups}. The other properties are optional.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AccountSettings(
    @JsonProperty("peer_login_expiration_enabled") Boolean peerLoginExpirationEnabled,
    @JsonProperty("peer_login_expiration") Long peerLoginExpiration,
    @JsonProperty("peer_inactivity_expiration_enabled") Boolean peerInactivityExpirationEnabled,
    @JsonProperty("peer_inactivity_expiration") Long peerInactivityExpiration,
    @JsonProperty("regular_users_view_blocked") Boolean regularUsersViewBlocked,
    @JsonProperty("groups_propagation_enabled") Boolean groupsPropagationEnabled,
    @JsonProperty("jwt_groups_enabled") Boolean jwtGroupsEnabled,
    @JsonProperty("jwt_groups_claim_name") String jwtGroupsClaimName,
    @JsonProperty("jwt_allow_groups") List<String> jwtAllowGroups,
    @JsonProperty("routing_peer_dns_resolution_enabled") Boolean routingPeerDnsResolutionEnabled,
    @JsonProperty("dns_domain") String dnsDomain,
    @JsonProperty("network_range") String networkRange,
    @JsonProperty("peer_expose_enabled") Boolean peerExposeEnabled,
    @JsonProperty("peer_expose_groups") List<String> peerExposeGroups,
    @JsonProperty("extra") AccountExtraSettings extra) {}
