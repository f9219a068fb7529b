package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Mirrors NetBird's schema {@code Policy} ({@code PolicyMinimum} + its own object; response of
 * {@code /api/policies...}). Required: {@code name}, {@code enabled}, {@code rules},
 * {@code source_posture_checks} (send an empty list when none). {@code id} is optional in the schema but always
 * sent; {@code description} is optional.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Policy(
    @JsonProperty("id") String id,
    @JsonProperty("name") String name,
    @JsonProperty("description") String description,
    @JsonProperty("enabled") boolean enabled,
    @JsonProperty("source_posture_checks") List<String> sourcePostureChecks,
    @JsonProperty("rules") List<PolicyRule> rules) {}
