package io.netloom.projections.networkmap;

import java.util.List;

/**
 * One peer's DNS part of its map (docs/protocol.md §2d): whether its daemon manages the system's DNS at all, and
 * the nameserver groups, custom zones and their records it uses, each sorted.
 */
record DnsSections(
        boolean management,
        List<NameserverGroupEntry> nameserverGroups,
        List<DnsZoneEntry> zones,
        List<DnsRecordEntry> records) {

    /** What every peer holds while its account configures no DNS. */
    static final DnsSections DEFAULT = new DnsSections(true, List.of(), List.of(), List.of());

    DnsSections {
        nameserverGroups = List.copyOf(nameserverGroups);
        zones = List.copyOf(zones);
        records = List.copyOf(records);
    }
}
