package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * Mirrors NetBird's schema {@code AccessiblePeer} ({@code PeerMinimum} + its own object; elements of
 * {@code GET /api/peers/{peerId}/accessible-peers}). Every component here is required (the optional
 * {@code ipv6} is not mirrored).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccessiblePeer(
    @JsonProperty("id") String id,
    @JsonProperty("name") String name,
    @JsonProperty("ip") String ip,
    @JsonProperty("dns_label") String dnsLabel,
    @JsonProperty("user_id") String userId,
    @JsonProperty("os") String os,
    @JsonProperty("country_code") String countryCode,
    @JsonProperty("city_name") String cityName,
    @JsonProperty("geoname_id") int geonameId,
    @JsonProperty("connected") boolean connected,
    @JsonProperty("last_seen") Instant lastSeen) {}
