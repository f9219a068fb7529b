package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Mirrors NetBird's schema {@code Zone} ({@code ZoneRequest} plus {@code id} and {@code records}; response of
 * {@code /api/dns/zones...}). Every field is always sent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Zone(
    @JsonProperty("id") String id,
    @JsonProperty("name") String name,
    @JsonProperty("domain") String domain,
    @JsonProperty("enabled") boolean enabled,
    @JsonProperty("enable_search_domain") boolean enableSearchDomain,
    @JsonProperty("distribution_groups") List<String> distributionGroups,
    @JsonProperty("records") List<DNSRecord> records) {}
