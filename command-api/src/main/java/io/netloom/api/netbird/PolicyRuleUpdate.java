package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Mirrors NetBird's schema {@code PolicyRuleUpdate} ({@code PolicyRuleMinimum} + {@code id} and groups as IDs;
 * the rules of a policy request). Required: {@code name}, {@code enabled}, {@code action}, {@code bidirectional},
 * {@code protocol}. Optional: {@code id} (absent for a new rule), {@code description}, {@code ports} or
 * {@code port_ranges}, {@code sources}/{@code destinations} (group IDs) or
 * {@code sourceResource}/{@code destinationResource} (camelCase in NetBird's wire format too), and
 * {@code authorized_groups} (for {@code netbird-ssh} rules).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PolicyRuleUpdate(
    @JsonProperty("id") String id,
    @JsonProperty("name") String name,
    @JsonProperty("description") String description,
    @JsonProperty("enabled") Boolean enabled,
    @JsonProperty("action") String action,
    @JsonProperty("bidirectional") Boolean bidirectional,
    @JsonProperty("protocol") String protocol,
    @JsonProperty("ports") List<String> ports,
    @JsonProperty("port_ranges") List<RulePortRange> portRanges,
    @JsonProperty("sources") List<String> sources,
    @JsonProperty("sourceResource") Resource sourceResource,
    @JsonProperty("destinations") List<String> destinations,
    @JsonProperty("destinationResource") Resource destinationResource,
    @JsonProperty("authorized_groups") Map<String, List<String>> authorizedGroups) {}
