package io.netloom.daemon.map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Upstream resolvers this device uses (docs/protocol.md §2d): asked in order, for every name no other rule answers
 * ({@code primary}) or for the match {@code domains} and the names below them.
 *
 * @param searchDomains whether the match domains are also search domains
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NameserverGroup(
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("nameservers") List<Nameserver> nameservers,
        @JsonProperty("primary") boolean primary,
        @JsonProperty("domains") List<String> domains,
        @JsonProperty("search_domains") boolean searchDomains) {

    public NameserverGroup {
        nameservers = nameservers == null ? List.of() : List.copyOf(nameservers);
        domains = domains == null ? List.of() : List.copyOf(domains);
    }
}
