package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Mirrors NetBird's schema {@code UserRequest} (body of {@code PUT /api/users/{userId}}). All three properties
 * are required.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record UserRequest(
    @JsonProperty("role") String role,
    @JsonProperty("auto_groups") List<String> autoGroups,
    @JsonProperty("is_blocked") Boolean isBlocked) {}
