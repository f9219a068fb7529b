package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Mirrors NetBird's schema {@code NetworkResourceRequest} (body of {@code POST /api/networks/{networkId}/resources}
 * and {@code PUT .../resources/{resourceId}}). Required: {@code name}, {@code address}, {@code enabled},
 * {@code groups}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record NetworkResourceRequest(
    @JsonProperty("name") String name,
    @JsonProperty("description") String description,
    @JsonProperty("address") String address,
    @JsonProperty("enabled") Boolean enabled,
    @JsonProperty("groups") List<String> groups) {}
