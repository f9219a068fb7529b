package io.netloom.projections.networkmap;

import io.netloom.domain.dns.DnsRecordDefinition;
import io.netloom.domain.dns.DnsSettings;
import io.netloom.domain.dns.DnsZoneDefinition;
import io.netloom.domain.dns.NameserverGroupDefinition;
import io.netloom.domain.ids.DnsRecordId;
import io.netloom.domain.ids.DnsZoneId;
import io.netloom.domain.ids.NameserverGroupId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The DNS inputs of one account's model, changed event by event: kept alike by the live model and the history's
 * plain state, which both hand out {@link #spec()}. A record may arrive for a zone not known yet (as a network
 * resource may for its network); such a zone counts only once its own definition arrives.
 */
public final class DnsInputs {

    private DnsSettings settings = DnsSettings.NONE;
    private final Map<NameserverGroupId, NameserverGroupDefinition> nameserverGroups = new LinkedHashMap<>();
    private final Map<DnsZoneId, Zone> zones = new LinkedHashMap<>();

    private static final class Zone {
        private DnsZoneDefinition definition;
        private final Map<DnsRecordId, DnsRecordDefinition> records = new LinkedHashMap<>();
    }

    /** The inputs a spec describes, for a state restored from a snapshot. */
    public static DnsInputs of(DnsSpec spec) {
        DnsInputs inputs = new DnsInputs();
        inputs.settings = new DnsSettings(spec.disabledManagementGroups());
        spec.nameserverGroups().forEach(group -> inputs.putNameserverGroup(group.id(), group.definition()));
        spec.zones().forEach(zone -> {
            inputs.zone(zone.id()).definition = zone.definition();
            zone.records().forEach(record -> inputs.putRecord(zone.id(), record.id(), record.definition()));
        });
        return inputs;
    }

    public void changeSettings(DnsSettings value) {
        settings = value;
    }

    public DnsSettings settings() {
        return settings;
    }

    public void putNameserverGroup(NameserverGroupId id, NameserverGroupDefinition definition) {
        nameserverGroups.put(id, definition);
    }

    public void removeNameserverGroup(NameserverGroupId id) {
        nameserverGroups.remove(id);
    }

    /** Replaces the zone's own settings; its records stay. */
    public void putZone(DnsZoneId id, DnsZoneDefinition definition) {
        zone(id).definition = definition;
    }

    public void removeZone(DnsZoneId id) {
        zones.remove(id);
    }

    public void putRecord(DnsZoneId zone, DnsRecordId id, DnsRecordDefinition record) {
        zone(zone).records.put(id, record);
    }

    public void removeRecord(DnsZoneId zone, DnsRecordId id) {
        Zone held = zones.get(zone);
        if (held != null) {
            held.records.remove(id);
        }
    }

    public DnsSpec spec() {
        List<DnsSpec.NameserverGroupSpec> groups = new ArrayList<>();
        nameserverGroups.forEach((id, definition) -> groups.add(new DnsSpec.NameserverGroupSpec(id, definition)));
        List<DnsSpec.ZoneSpec> zoneSpecs = new ArrayList<>();
        zones.forEach((id, zone) -> {
            if (zone.definition == null && zone.records.isEmpty()) {
                return;
            }
            List<DnsSpec.RecordSpec> records = new ArrayList<>();
            zone.records.forEach((recordId, record) -> records.add(new DnsSpec.RecordSpec(recordId, record)));
            zoneSpecs.add(new DnsSpec.ZoneSpec(id, zone.definition, records));
        });
        return new DnsSpec(settings.disabledManagementGroups(), groups, zoneSpecs);
    }

    /** Replays these inputs into another model (a copy for a dry run). */
    public void copyInto(AccountModel model) {
        if (!settings.equals(DnsSettings.NONE)) {
            model.changeDnsSettings(settings);
        }
        nameserverGroups.forEach(model::putNameserverGroup);
        zones.forEach((id, zone) -> {
            if (zone.definition != null) {
                model.putDnsZone(id, zone.definition);
            }
            zone.records.forEach((recordId, record) -> model.putDnsRecord(id, recordId, record));
        });
    }

    private Zone zone(DnsZoneId id) {
        return zones.computeIfAbsent(id, key -> new Zone());
    }
}
