package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Mirrors NetBird's schema {@code NameserverGroup} ({@code NameserverGroupRequest} plus {@code id}; response of
 * {@code /api/dns/nameservers...}). Every field is required and always sent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NameserverGroup(
    @JsonProperty("id") String id,
    @JsonProperty("name") String name,
    @JsonProperty("description") String description,
    @JsonProperty("nameservers") List<Nameserver> nameservers,
    @JsonProperty("enabled") boolean enabled,
    @JsonProperty("groups") List<String> groups,
    @JsonProperty("primary") boolean primary,
    @JsonProperty("domains") List<String> domains,
    @JsonProperty("search_domains_enabled") boolean searchDomainsEnabled) {}
