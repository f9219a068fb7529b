package io.netloom.domain.dns;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import io.netloom.domain.common.AccountScope;
import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.common.DnsNames;
import io.netloom.domain.common.Required;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.DnsRecordId;
import io.netloom.domain.ids.DnsZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * A custom DNS zone with its records, one aggregate: whether a record fits (inside the zone, no twin, a CNAME
 * alone at its name, no CNAME loop) depends on the zone's other records, so they are decided together. Checks
 * that span aggregates (groups exist, no two zones share a domain, no loop through another zone's records) run in
 * the API under the account's lock.
 */
public class DnsZone {

    /** Far above what an office zone holds, and small enough that every peer of the zone can be sent it. */
    public static final int MAX_RECORDS = 1000;

    @AggregateIdentifier
    private DnsZoneId zoneId;
    private AccountId accountId;
    private DnsZoneDefinition definition;
    private final Map<DnsRecordId, DnsRecordDefinition> records = new LinkedHashMap<>();

    public DnsZone() {
        // Required by Axon to construct an empty instance before replaying its events.
    }

    @CommandHandler
    public DnsZone(CreateDnsZoneCommand command) {
        Required.present(command.accountId(), "account");
        DnsZoneDefinition zone = Required.present(command.definition(), "zone");
        requireOutsidePeerDomain(zone.domain(), command.peerDnsDomain());
        apply(new DnsZoneCreatedEvent(command.zoneId(), command.accountId(), zone));
    }

    @CommandHandler
    public void handle(UpdateDnsZoneCommand command) {
        requireSameAccount(command.accountId());
        DnsZoneDefinition changed = Required.present(command.definition(), "zone");
        if (!changed.domain().equals(definition.domain())) {
            throw CommandRejectedException.invalid("a zone's domain cannot be changed (it is " + definition.domain()
                    + "): create a new zone instead");
        }
        if (!changed.equals(definition)) {
            apply(new DnsZoneUpdatedEvent(zoneId, accountId, changed));
        }
    }

    @CommandHandler
    public void handle(DeleteDnsZoneCommand command) {
        requireSameAccount(command.accountId());
        List.copyOf(records.entrySet()).forEach(record ->
                apply(new DnsRecordDeletedEvent(zoneId, accountId, record.getKey(), record.getValue())));
        apply(new DnsZoneDeletedEvent(zoneId, accountId, definition));
    }

    @CommandHandler
    public void handle(CreateDnsRecordCommand command) {
        requireSameAccount(command.accountId());
        DnsRecordId id = Required.present(command.recordId(), "record id");
        if (records.containsKey(id)) {
            throw CommandRejectedException.conflict("a record with this id already exists");
        }
        if (records.size() >= MAX_RECORDS) {
            throw CommandRejectedException.invalid("a zone holds at most " + MAX_RECORDS + " records");
        }
        DnsRecordDefinition record = fitting(id, command.definition());
        apply(new DnsRecordCreatedEvent(zoneId, accountId, id, record));
    }

    @CommandHandler
    public void handle(UpdateDnsRecordCommand command) {
        requireSameAccount(command.accountId());
        DnsRecordDefinition current = existing(command.recordId());
        DnsRecordDefinition changed = fitting(command.recordId(), command.definition());
        if (!changed.equals(current)) {
            apply(new DnsRecordUpdatedEvent(zoneId, accountId, command.recordId(), changed));
        }
    }

    @CommandHandler
    public void handle(DeleteDnsRecordCommand command) {
        requireSameAccount(command.accountId());
        DnsRecordDefinition current = existing(command.recordId());
        apply(new DnsRecordDeletedEvent(zoneId, accountId, command.recordId(), current));
    }

    @EventSourcingHandler
    void on(DnsZoneCreatedEvent event) {
        zoneId = event.zoneId();
        accountId = event.accountId();
        definition = event.definition();
    }

    @EventSourcingHandler
    void on(DnsZoneUpdatedEvent event) {
        definition = event.definition();
    }

    @EventSourcingHandler
    void on(DnsZoneDeletedEvent event) {
        markDeleted();
    }

    @EventSourcingHandler
    void on(DnsRecordCreatedEvent event) {
        records.put(event.recordId(), event.definition());
    }

    @EventSourcingHandler
    void on(DnsRecordUpdatedEvent event) {
        records.put(event.recordId(), event.definition());
    }

    @EventSourcingHandler
    void on(DnsRecordDeletedEvent event) {
        records.remove(event.recordId());
    }

    /**
     * The peers' own names live in the account's DNS domain; a custom zone of the same domain would answer for
     * them. Also checked when the account's domain changes, the other way round.
     */
    public static void requireOutsidePeerDomain(String zoneDomain, String peerDnsDomain) {
        if (zoneDomain.equals(peerDnsDomain)) {
            throw CommandRejectedException.invalid("zone domain " + zoneDomain
                    + " is the account's DNS domain, where the peers' own names live");
        }
    }

    /** The record, if it may stand beside the zone's other records ({@code self}: the record it replaces, if any). */
    private DnsRecordDefinition fitting(DnsRecordId self, DnsRecordDefinition record) {
        Required.present(record, "record");
        if (!DnsNames.isWithin(nameBelowWildcard(record.name()), definition.domain())) {
            throw CommandRejectedException.invalid("record name " + record.name() + " is outside the zone "
                    + definition.domain());
        }
        for (Map.Entry<DnsRecordId, DnsRecordDefinition> entry : records.entrySet()) {
            DnsRecordDefinition other = entry.getValue();
            if (entry.getKey().equals(self) || !other.name().equals(record.name())) {
                continue;
            }
            if (other.sameDataAs(record)) {
                throw CommandRejectedException.conflict("an identical " + record.type().wireName() + " record for "
                        + record.name() + " already exists");
            }
            if (record.type() == DnsRecordType.CNAME || other.type() == DnsRecordType.CNAME) {
                throw CommandRejectedException.invalid("a CNAME record must be the only record of its name, and "
                        + record.name() + " already has a " + other.type().wireName() + " record");
            }
        }
        if (record.type() == DnsRecordType.CNAME) {
            Optional<List<String>> loop = CnameChains.loopFrom(record.name(),
                    name -> name.equals(record.name()) ? List.of(record.content()) : cnameTargets(name, self));
            loop.ifPresent(names -> {
                throw CommandRejectedException.invalid("CNAME loop: " + String.join(" -> ", names));
            });
        }
        return record;
    }

    private Collection<String> cnameTargets(String name, DnsRecordId except) {
        List<String> targets = new ArrayList<>();
        records.forEach((id, record) -> {
            if (!id.equals(except) && record.type() == DnsRecordType.CNAME && record.name().equals(name)) {
                targets.add(record.content());
            }
        });
        return targets;
    }

    /** "*.a.example" lies where "a.example" lies: the wildcard covers names below it. */
    private static String nameBelowWildcard(String name) {
        return name.startsWith("*.") ? name.substring(2) : name;
    }

    private DnsRecordDefinition existing(DnsRecordId id) {
        DnsRecordDefinition record = records.get(Required.present(id, "record id"));
        if (record == null) {
            throw CommandRejectedException.notFound("record not found");
        }
        return record;
    }

    private void requireSameAccount(AccountId requested) {
        AccountScope.requireSameAccount(accountId, requested, "zone");
    }
}
