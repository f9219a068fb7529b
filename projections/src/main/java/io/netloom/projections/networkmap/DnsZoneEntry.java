package io.netloom.projections.networkmap;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Comparator;

/**
 * A custom zone a peer receives (docs/protocol.md §2d); its records are {@link DnsRecordEntry}s naming it.
 *
 * @param searchDomain whether the zone is also a search domain on the peer
 */
public record DnsZoneEntry(String domain, @JsonProperty("search_domain") boolean searchDomain)
        implements Comparable<DnsZoneEntry> {

    private static final Comparator<DnsZoneEntry> ORDER = Comparator.comparing(DnsZoneEntry::domain)
            .thenComparing(DnsZoneEntry::searchDomain);

    @Override
    public int compareTo(DnsZoneEntry other) {
        return ORDER.compare(this, other);
    }
}
