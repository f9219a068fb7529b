package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Mirrors NetBird's schema {@code ZoneRequest} (body of {@code POST /api/dns/zones} and
 * {@code PUT /api/dns/zones/{zoneId}}). Required: {@code name}, {@code domain}, {@code enable_search_domain},
 * {@code distribution_groups}; {@code enabled} defaults to true.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ZoneRequest(
    @JsonProperty("name") String name,
    @JsonProperty("domain") String domain,
    @JsonProperty("enabled") Boolean enabled,
    @JsonProperty("enable_search_domain") Boolean enableSearchDomain,
    @JsonProperty("distribution_groups") List<String> distributionGroups) {}
