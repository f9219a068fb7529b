package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Mirrors NetBird's identical schemas {@code PolicyUpdate} and {@code PolicyCreate} (bodies of
 * {@code POST /api/policies}, which references {@code PolicyUpdate}, and {@code PUT /api/policies/{policyId}},
 * which references {@code PolicyCreate}). Required: {@code name}, {@code enabled}, {@code rules}; optional:
 * {@code description}, {@code source_posture_checks}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PolicyRequest(
    @JsonProperty("name") String name,
    @JsonProperty("description") String description,
    @JsonProperty("enabled") Boolean enabled,
    @JsonProperty("source_posture_checks") List<String> sourcePostureChecks,
    @JsonProperty("rules") List<PolicyRuleUpdate> rules) {}
