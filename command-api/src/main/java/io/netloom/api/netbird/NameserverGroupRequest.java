package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Mirrors NetBird's schema {@code NameserverGroupRequest} (body of {@code POST /api/dns/nameservers} and
 * {@code PUT /api/dns/nameservers/{nsgroupId}}). The schema requires every field; Netloom requires {@code name},
 * {@code nameservers}, {@code enabled}, {@code groups} and {@code primary}, and takes an absent
 * {@code description} as empty, absent {@code domains} as none and absent {@code search_domains_enabled} as false.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record NameserverGroupRequest(
    @JsonProperty("name") String name,
    @JsonProperty("description") String description,
    @JsonProperty("nameservers") List<Nameserver> nameservers,
    @JsonProperty("enabled") Boolean enabled,
    @JsonProperty("groups") List<String> groups,
    @JsonProperty("primary") Boolean primary,
    @JsonProperty("domains") List<String> domains,
    @JsonProperty("search_domains_enabled") Boolean searchDomainsEnabled) {}
