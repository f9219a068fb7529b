package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Mirrors NetBird's schema {@code NetworkRequest} (body of {@code POST /api/networks} and
 * {@code PUT /api/networks/{networkId}}). Required: {@code name}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record NetworkRequest(
    @JsonProperty("name") String name,
    @JsonProperty("description") String description) {}
