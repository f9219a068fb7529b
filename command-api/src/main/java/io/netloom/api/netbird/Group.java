package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Mirrors NetBird's schema {@code Group} ({@code GroupMinimum} + {@code peers} and {@code resources}; response
 * of {@code /api/groups...}). Required: {@code id}, {@code name}, {@code peers_count}, {@code resources_count},
 * {@code peers}, {@code resources} (the network resources that list the group); optional
 * {@code issued} is one of {@code "api"}, {@code "integration"}, {@code "jwt"}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Group(
    @JsonProperty("id") String id,
    @JsonProperty("name") String name,
    @JsonProperty("peers_count") int peersCount,
    @JsonProperty("resources_count") int resourcesCount,
    @JsonProperty("issued") String issued,
    @JsonProperty("peers") List<PeerMinimum> peers,
    @JsonProperty("resources") List<Resource> resources) {}
