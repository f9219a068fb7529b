package io.netloom.projections.networkmap;

import java.util.Comparator;

/**
 * One record of a custom zone a peer receives (docs/protocol.md §2d), sorted by zone, name, type, content, ttl.
 *
 * @param zone the domain of the zone it belongs to, one of the map's {@code dns_zones}
 * @param type {@code A}, {@code AAAA} or {@code CNAME}
 * @param content an address, or for a CNAME the target name (no trailing dot)
 */
public record DnsRecordEntry(String zone, String name, String type, String content, int ttl)
        implements Comparable<DnsRecordEntry> {

    private static final Comparator<DnsRecordEntry> ORDER = Comparator.comparing(DnsRecordEntry::zone)
            .thenComparing(DnsRecordEntry::name)
            .thenComparing(DnsRecordEntry::type)
            .thenComparing(DnsRecordEntry::content)
            .thenComparingInt(DnsRecordEntry::ttl);

    @Override
    public int compareTo(DnsRecordEntry other) {
        return ORDER.compare(this, other);
    }
}
