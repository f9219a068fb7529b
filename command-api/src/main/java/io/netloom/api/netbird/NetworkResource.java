package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Mirrors NetBird's schema {@code NetworkResource} (response of {@code /api/networks/{networkId}/resources...}).
 * Required: {@code id}, {@code type}, {@code groups}, {@code name}, {@code address}, {@code enabled}.
 */
public record NetworkResource(
    @JsonProperty("id") String id,
    @JsonProperty("type") String type,
    @JsonProperty("groups") List<GroupMinimum> groups,
    @JsonProperty("name") String name,
    @JsonProperty("description") String description,
    @JsonProperty("address") String address,
    @JsonProperty("enabled") boolean enabled) {}
