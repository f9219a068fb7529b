package io.netloom.projections.networkmap;

import io.netloom.domain.dns.DnsRecordDefinition;
import io.netloom.domain.dns.DnsZoneDefinition;
import io.netloom.domain.dns.Nameserver;
import io.netloom.domain.dns.NameserverGroupDefinition;
import io.netloom.domain.ids.GroupId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The DNS rules, stated once for the calculator and the incremental model (ADR 0043). What a peer receives
 * depends only on the account's {@link DnsSpec}, the peer's own groups, whether it takes part, and its address;
 * never on policies: the names of the peers it may reach travel as its {@code remote_peers}' FQDNs already.
 *
 * <ul>
 *   <li>{@code dns_management} is false for a member of any of the settings' disabled management groups, whether
 *       it takes part or not: its daemon then leaves the system's DNS alone;
 *   <li>a peer that takes part (approved, logged in, owner not blocked) receives each enabled nameserver group one
 *       of whose groups it is in, except a group that lists the peer's own overlay address as a nameserver (it
 *       would ask itself), and each enabled zone one of whose distribution groups it is in and that holds at
 *       least one record, with those records; a peer that does not take part receives none.
 * </ul>
 *
 * <p>Peers with the same selection share one {@link DnsSections} instance, so a zone sent to 5,000 peers is held
 * once per distinct selection rather than once per peer.
 */
final class DnsTable {

    private final boolean empty;
    private final Set<GroupId> disabledManagementGroups;
    private final List<Distributed<NameserverGroupEntry>> nameserverGroups = new ArrayList<>();
    private final Set<String> nameserverAddresses;
    private final List<Distributed<ZoneContent>> zones = new ArrayList<>();
    private final Map<Selection, DnsSections> shared = new HashMap<>();

    private record Distributed<T>(Set<GroupId> groups, T entry, Set<String> addresses) {
    }

    private record ZoneContent(DnsZoneEntry zone, List<DnsRecordEntry> records) {
    }

    /** What a peer receives, as indexes into the table: equal selections mean equal sections. */
    private record Selection(boolean management, List<Integer> nameserverGroups, List<Integer> zones) {
    }

    DnsTable(DnsSpec spec) {
        empty = spec.isEmpty();
        disabledManagementGroups = spec.disabledManagementGroups();
        for (DnsSpec.NameserverGroupSpec group : spec.nameserverGroups()) {
            NameserverGroupDefinition definition = group.definition();
            if (definition.enabled()) {
                nameserverGroups.add(new Distributed<>(definition.groups(), new NameserverGroupEntry(
                        group.id().value(), definition.name(), definition.nameservers(), definition.primary(),
                        definition.domains(), definition.searchDomainsEnabled()),
                        definition.nameservers().stream().map(Nameserver::ip).collect(Collectors.toSet())));
            }
        }
        nameserverAddresses = nameserverGroups.stream().flatMap(group -> group.addresses().stream())
                .collect(Collectors.toSet());
        for (DnsSpec.ZoneSpec zone : spec.zones()) {
            DnsZoneDefinition definition = zone.definition();
            if (definition != null && definition.enabled() && !zone.records().isEmpty()) {
                List<DnsRecordEntry> records = new ArrayList<>();
                for (DnsSpec.RecordSpec record : zone.records()) {
                    records.add(entry(definition.domain(), record.definition()));
                }
                zones.add(new Distributed<>(definition.distributionGroups(), new ZoneContent(
                        new DnsZoneEntry(definition.domain(), definition.searchDomainEnabled()), records), Set.of()));
            }
        }
    }

    /** Whether every peer receives {@link DnsSections#DEFAULT}, whatever its groups: then nobody need ask. */
    boolean isEmpty() {
        return empty;
    }

    /**
     * @param groups every group the peer is in, the built-in one included
     * @param active whether the peer takes part in the overlay
     * @param overlayIp the peer's own overlay address
     */
    DnsSections sectionsFor(Collection<GroupId> groups, boolean active, String overlayIp) {
        if (empty) {
            return DnsSections.DEFAULT;
        }
        boolean management = groups.stream().noneMatch(disabledManagementGroups::contains);
        List<Integer> selectedGroups = new ArrayList<>();
        List<Integer> selectedZones = new ArrayList<>();
        if (active) {
            boolean mayBeNameserver = nameserverAddresses.contains(overlayIp);
            for (int i = 0; i < nameserverGroups.size(); i++) {
                Distributed<NameserverGroupEntry> group = nameserverGroups.get(i);
                if (intersects(group.groups(), groups) && !(mayBeNameserver && group.addresses().contains(overlayIp))) {
                    selectedGroups.add(i);
                }
            }
            for (int i = 0; i < zones.size(); i++) {
                if (intersects(zones.get(i).groups(), groups)) {
                    selectedZones.add(i);
                }
            }
        }
        return shared.computeIfAbsent(new Selection(management, selectedGroups, selectedZones), this::sections);
    }

    private DnsSections sections(Selection selection) {
        if (selection.management() && selection.nameserverGroups().isEmpty() && selection.zones().isEmpty()) {
            return DnsSections.DEFAULT;
        }
        SortedSet<NameserverGroupEntry> groups = new TreeSet<>();
        selection.nameserverGroups().forEach(index -> groups.add(nameserverGroups.get(index).entry()));
        SortedSet<DnsZoneEntry> zoneEntries = new TreeSet<>();
        SortedSet<DnsRecordEntry> records = new TreeSet<>();
        selection.zones().forEach(index -> {
            ZoneContent zone = zones.get(index).entry();
            zoneEntries.add(zone.zone());
            records.addAll(zone.records());
        });
        return new DnsSections(selection.management(), List.copyOf(groups), List.copyOf(zoneEntries),
                List.copyOf(records));
    }

    private static DnsRecordEntry entry(String zone, DnsRecordDefinition record) {
        return new DnsRecordEntry(zone, record.name(), record.type().wireName(), record.content(), record.ttl());
    }

    private static boolean intersects(Set<GroupId> named, Collection<GroupId> groups) {
        for (GroupId group : groups) {
            if (named.contains(group)) {
                return true;
            }
        }
        return false;
    }
}
