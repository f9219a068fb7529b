package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Mirrors NetBird's schema {@code GroupMinimum} (groups in {@code Peer.groups} and policy rules' sources and
 * destinations). Required: {@code id}, {@code name}, {@code peers_count}, {@code resources_count}; optional
 * {@code issued} is one of {@code "api"}, {@code "integration"}, {@code "jwt"}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GroupMinimum(
    @JsonProperty("id") String id,
    @JsonProperty("name") String name,
    @JsonProperty("peers_count") int peersCount,
    @JsonProperty("resources_count") int resourcesCount,
    @JsonProperty("issued") String issued) {}
