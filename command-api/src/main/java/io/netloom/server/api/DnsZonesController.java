package io.netloom.server.api;

import io.netloom.api.netbird.DNSRecord;
import io.netloom.api.netbird.DNSRecordRequest;
import io.netloom.api.netbird.Zone;
import io.netloom.api.netbird.ZoneRequest;
import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.dns.CreateDnsRecordCommand;
import io.netloom.domain.dns.CreateDnsZoneCommand;
import io.netloom.domain.dns.DeleteDnsRecordCommand;
import io.netloom.domain.dns.DeleteDnsZoneCommand;
import io.netloom.domain.dns.DnsRecordDefinition;
import io.netloom.domain.dns.DnsZoneDefinition;
import io.netloom.domain.dns.UpdateDnsRecordCommand;
import io.netloom.domain.dns.UpdateDnsZoneCommand;
import io.netloom.domain.ids.DnsRecordId;
import io.netloom.domain.ids.DnsZoneId;
import io.netloom.domain.ids.GroupId;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.DnsRecordView;
import io.netloom.projections.directory.DnsZoneView;
import io.netloom.server.axon.Commands;
import io.netloom.server.security.Caller;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** NetBird's /api/dns/zones: custom zones with A, AAAA and CNAME records for the peers of some groups. */
@RestController
@RequestMapping("/api/dns/zones")
public class DnsZonesController {

    private final CallerAccounts accounts;
    private final Commands commands;
    private final AccountLocks locks;

    public DnsZonesController(CallerAccounts accounts, Commands commands, AccountLocks locks) {
        this.accounts = accounts;
        this.commands = commands;
        this.locks = locks;
    }

    @GetMapping
    public List<Zone> list(@AuthenticationPrincipal Caller caller) {
        Access.requireAccountReader(caller);
        return accounts.of(caller).dnsZones().stream().map(DnsZonesController::toZone).toList();
    }

    @GetMapping("/{zoneId}")
    public Zone get(@AuthenticationPrincipal Caller caller, @PathVariable String zoneId) {
        Access.requireAccountReader(caller);
        return toZone(existing(accounts.of(caller), zoneId));
    }

    @PostMapping
    public Zone create(@AuthenticationPrincipal Caller caller, @RequestBody ZoneRequest request) {
        Access.requireAdmin(caller);
        AccountRecords records = accounts.of(caller);
        DnsZoneId id = DnsZoneId.random();
        locks.withLock(caller.accountId(), () -> {
            DnsZoneDefinition zone = DnsZoneRequests.checked(records, request, Optional.empty());
            commands.send(new CreateDnsZoneCommand(id, caller.accountId(), zone,
                    records.account().settings().dnsDomain()), Initiators.of(caller));
        });
        return toZone(records.dnsZone(id).orElseThrow());
    }

    @PutMapping("/{zoneId}")
    public Zone update(@AuthenticationPrincipal Caller caller, @PathVariable String zoneId,
            @RequestBody ZoneRequest request) {
        Access.requireAdmin(caller);
        AccountRecords records = accounts.of(caller);
        DnsZoneView zone = existing(records, zoneId);
        locks.withLock(caller.accountId(), () -> commands.send(new UpdateDnsZoneCommand(zone.id(), caller.accountId(),
                DnsZoneRequests.checked(records, request, Optional.of(zone.id()))), Initiators.of(caller)));
        return toZone(records.dnsZone(zone.id()).orElseThrow());
    }

    @DeleteMapping("/{zoneId}")
    public Map<String, Object> delete(@AuthenticationPrincipal Caller caller, @PathVariable String zoneId) {
        Access.requireAdmin(caller);
        DnsZoneView zone = existing(accounts.of(caller), zoneId);
        locks.withLock(caller.accountId(), () -> commands.send(new DeleteDnsZoneCommand(zone.id(), caller.accountId()),
                Initiators.of(caller)));
        return Map.of();
    }

    @GetMapping("/{zoneId}/records")
    public List<DNSRecord> records(@AuthenticationPrincipal Caller caller, @PathVariable String zoneId) {
        Access.requireAccountReader(caller);
        return existing(accounts.of(caller), zoneId).records().stream().map(DnsZonesController::toRecord).toList();
    }

    @GetMapping("/{zoneId}/records/{recordId}")
    public DNSRecord record(@AuthenticationPrincipal Caller caller, @PathVariable String zoneId,
            @PathVariable String recordId) {
        Access.requireAccountReader(caller);
        return toRecord(existingRecord(existing(accounts.of(caller), zoneId), recordId));
    }

    @PostMapping("/{zoneId}/records")
    public DNSRecord createRecord(@AuthenticationPrincipal Caller caller, @PathVariable String zoneId,
            @RequestBody DNSRecordRequest request) {
        Access.requireAdmin(caller);
        AccountRecords records = accounts.of(caller);
        DnsZoneView zone = existing(records, zoneId);
        DnsRecordId id = DnsRecordId.random();
        // Under the account's lock, so that no CNAME added to another zone meanwhile can close a loop with this one.
        locks.withLock(caller.accountId(), () -> {
            DnsRecordDefinition record = DnsZoneRequests.checked(records, request, Optional.empty());
            commands.send(new CreateDnsRecordCommand(zone.id(), caller.accountId(), id, record),
                    Initiators.of(caller));
        });
        return toRecord(currentRecord(records, zone.id(), id));
    }

    @PutMapping("/{zoneId}/records/{recordId}")
    public DNSRecord updateRecord(@AuthenticationPrincipal Caller caller, @PathVariable String zoneId,
            @PathVariable String recordId, @RequestBody DNSRecordRequest request) {
        Access.requireAdmin(caller);
        AccountRecords records = accounts.of(caller);
        DnsZoneView zone = existing(records, zoneId);
        DnsRecordView record = existingRecord(zone, recordId);
        locks.withLock(caller.accountId(), () -> commands.send(new UpdateDnsRecordCommand(zone.id(), caller.accountId(),
                record.id(), DnsZoneRequests.checked(records, request, Optional.of(record.id()))),
                Initiators.of(caller)));
        return toRecord(currentRecord(records, zone.id(), record.id()));
    }

    @DeleteMapping("/{zoneId}/records/{recordId}")
    public Map<String, Object> deleteRecord(@AuthenticationPrincipal Caller caller, @PathVariable String zoneId,
            @PathVariable String recordId) {
        Access.requireAdmin(caller);
        DnsZoneView zone = existing(accounts.of(caller), zoneId);
        DnsRecordView record = existingRecord(zone, recordId);
        locks.withLock(caller.accountId(), () -> commands.send(
                new DeleteDnsRecordCommand(zone.id(), caller.accountId(), record.id()), Initiators.of(caller)));
        return Map.of();
    }

    private static DnsZoneView existing(AccountRecords records, String zoneId) {
        return records.dnsZone(new DnsZoneId(zoneId))
                .orElseThrow(() -> CommandRejectedException.notFound("zone not found"));
    }

    private static DnsRecordView existingRecord(DnsZoneView zone, String recordId) {
        return zone.record(new DnsRecordId(recordId))
                .orElseThrow(() -> CommandRejectedException.notFound("record not found"));
    }

    private static DnsRecordView currentRecord(AccountRecords records, DnsZoneId zone, DnsRecordId record) {
        return records.dnsZone(zone).flatMap(view -> view.record(record)).orElseThrow();
    }

    private static Zone toZone(DnsZoneView view) {
        DnsZoneDefinition zone = view.definition();
        return new Zone(view.id().value(), zone.name(), zone.domain(), zone.enabled(), zone.searchDomainEnabled(),
                zone.distributionGroups().stream().map(GroupId::value).toList(),
                view.records().stream().map(DnsZonesController::toRecord).toList());
    }

    private static DNSRecord toRecord(DnsRecordView view) {
        DnsRecordDefinition record = view.definition();
        return new DNSRecord(view.id().value(), record.name(), record.type().wireName(), record.content(),
                record.ttl());
    }
}
