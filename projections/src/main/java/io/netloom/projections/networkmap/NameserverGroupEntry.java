package io.netloom.projections.networkmap;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.netloom.domain.dns.Nameserver;
import java.util.Comparator;
import java.util.List;

/**
 * A nameserver group a peer uses (docs/protocol.md §2d): its resolvers, asked in order, and either every name
 * ({@code primary}) or the match {@code domains} and the names below them. Ordered by id, then by every other
 * field, so that order agrees with equality (set semantics in deltas).
 */
public record NameserverGroupEntry(
        String id,
        String name,
        List<Nameserver> nameservers,
        boolean primary,
        List<String> domains,
        @JsonProperty("search_domains") boolean searchDomains)
        implements Comparable<NameserverGroupEntry> {

    private static final Comparator<NameserverGroupEntry> ORDER = Comparator
            .comparing(NameserverGroupEntry::id)
            .thenComparing(NameserverGroupEntry::name)
            .thenComparing(entry -> entry.nameservers().toString())
            .thenComparing(NameserverGroupEntry::primary)
            .thenComparing(entry -> String.join(",", entry.domains()))
            .thenComparing(NameserverGroupEntry::searchDomains);

    public NameserverGroupEntry {
        nameservers = List.copyOf(nameservers);
        domains = List.copyOf(domains);
    }

    @Override
    public int compareTo(NameserverGroupEntry other) {
        return ORDER.compare(this, other);
    }
}
