package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Mirrors NetBird's schema {@code GroupRequest} (body of {@code POST /api/groups} and
 * {@code PUT /api/groups/{groupId}}). Required: {@code name}; {@code peers} (peer IDs) and {@code resources}
 * are optional.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record GroupRequest(
    @JsonProperty("name") String name,
    @JsonProperty("peers") List<String> peers,
    @JsonProperty("resources") List<Resource> resources) {}
