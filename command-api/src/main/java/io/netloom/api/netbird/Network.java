package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Mirrors NetBird's schema {@code Network} ({@code NetworkRequest} plus the ids of its routers, resources and
 * the policies reaching them; response of {@code /api/networks...}). Required: {@code id}, {@code routers},
 * {@code resources}, {@code routing_peers_count}, {@code policies}, {@code name}.
 */
public record Network(
    @JsonProperty("id") String id,
    @JsonProperty("routers") List<String> routers,
    @JsonProperty("routing_peers_count") int routingPeersCount,
    @JsonProperty("resources") List<String> resources,
    @JsonProperty("policies") List<String> policies,
    @JsonProperty("name") String name,
    @JsonProperty("description") String description) {}
