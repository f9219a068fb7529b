package io.netloom.server.api;

import io.netloom.api.netbird.DNSRecordRequest;
import io.netloom.api.netbird.ZoneRequest;
import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.dns.CnameChains;
import io.netloom.domain.dns.DnsRecordDefinition;
import io.netloom.domain.dns.DnsRecordType;
import io.netloom.domain.dns.DnsZoneDefinition;
import io.netloom.domain.ids.DnsRecordId;
import io.netloom.domain.ids.DnsZoneId;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.DnsRecordView;
import io.netloom.projections.directory.DnsZoneView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Turns NetBird's zone and record requests into the domain's definitions, with the checks that span zones: groups
 * exist, no two zones share a domain, and no CNAME loop runs through several zones. Run under the account's lock;
 * the zone itself decides everything about its own records.
 */
final class DnsZoneRequests {

    private DnsZoneRequests() {
    }

    /** The zone {@code self} (empty for a new one) as the request would make it. */
    static DnsZoneDefinition checked(AccountRecords records, ZoneRequest request, Optional<DnsZoneId> self) {
        DnsZoneDefinition zone = new DnsZoneDefinition(
                Required.field(request.name(), "name"),
                Required.field(request.domain(), "domain"),
                request.enabled() == null || request.enabled(),
                Required.field(request.enableSearchDomain(), "enable_search_domain"),
                ExistingGroups.require(records, Required.field(request.distributionGroups(), "distribution_groups")));
        records.dnsZones().stream()
                .filter(other -> self.isEmpty() || !other.id().equals(self.get()))
                .filter(other -> other.definition().domain().equals(zone.domain()))
                .findFirst().ifPresent(twin -> {
                    throw CommandRejectedException.conflict("a zone with domain " + zone.domain() + " already exists");
                });
        return zone;
    }

    /** The record {@code self} (empty for a new one) as the request would make it. */
    static DnsRecordDefinition checked(AccountRecords records, DNSRecordRequest request, Optional<DnsRecordId> self) {
        DnsRecordDefinition record = new DnsRecordDefinition(
                Required.field(request.name(), "name"),
                DnsRecordType.fromWireName(Required.field(request.type(), "type")),
                Required.field(request.content(), "content"),
                Required.field(request.ttl(), "ttl"));
        if (record.type() == DnsRecordType.CNAME) {
            CnameChains.loopFrom(record.name(), name -> name.equals(record.name())
                    ? List.of(record.content()) : cnameTargets(records.dnsZones(), name, self))
                    .ifPresent(loop -> {
                        throw CommandRejectedException.invalid("CNAME loop: " + String.join(" -> ", loop));
                    });
        }
        return record;
    }

    /** The CNAME targets of a name in every zone of the account but the record being replaced. */
    private static Collection<String> cnameTargets(List<DnsZoneView> zones, String name, Optional<DnsRecordId> except) {
        List<String> targets = new ArrayList<>();
        for (DnsZoneView zone : zones) {
            for (DnsRecordView record : zone.records()) {
                DnsRecordDefinition definition = record.definition();
                if (definition.type() == DnsRecordType.CNAME && definition.name().equals(name)
                        && (except.isEmpty() || !record.id().equals(except.get()))) {
                    targets.add(definition.content());
                }
            }
        }
        return targets;
    }
}
