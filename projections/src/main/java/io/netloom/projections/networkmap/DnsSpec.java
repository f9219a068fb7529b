package io.netloom.projections.networkmap;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.netloom.domain.dns.DnsRecordDefinition;
import io.netloom.domain.dns.DnsZoneDefinition;
import io.netloom.domain.dns.NameserverGroupDefinition;
import io.netloom.domain.ids.DnsRecordId;
import io.netloom.domain.ids.DnsZoneId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.NameserverGroupId;
import io.netloom.domain.common.StableSets;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * An account's DNS configuration as the network maps see it (ADR 0043): the DNS settings, the nameserver groups
 * and the custom zones with their records, each list sorted by id so that two models holding the same inputs
 * compare equal. A plain value, so the history can store it in a snapshot as it is.
 *
 * @param zones zones by id; a zone whose records arrived before the zone itself has a null definition
 */
public record DnsSpec(
        Set<GroupId> disabledManagementGroups,
        List<NameserverGroupSpec> nameserverGroups,
        List<ZoneSpec> zones) {

    public static final DnsSpec NONE = new DnsSpec(Set.of(), List.of(), List.of());

    public DnsSpec {
        disabledManagementGroups = StableSets.copyOf(disabledManagementGroups, "disabled management groups");
        nameserverGroups = nameserverGroups == null ? List.of()
                : nameserverGroups.stream().sorted(Comparator.comparing(group -> group.id().value())).toList();
        zones = zones == null ? List.of()
                : zones.stream().sorted(Comparator.comparing(zone -> zone.id().value())).toList();
    }

    /** Nothing that could give any peer anything but the default: managed DNS, no nameservers, no zones. */
    @JsonIgnore
    public boolean isEmpty() {
        return disabledManagementGroups.isEmpty() && nameserverGroups.isEmpty() && zones.isEmpty();
    }

    public record NameserverGroupSpec(NameserverGroupId id, NameserverGroupDefinition definition) {
    }

    public record ZoneSpec(DnsZoneId id, DnsZoneDefinition definition, List<RecordSpec> records) {

        public ZoneSpec {
            records = records == null ? List.of()
                    : records.stream().sorted(Comparator.comparing(record -> record.id().value())).toList();
        }
    }

    public record RecordSpec(DnsRecordId id, DnsRecordDefinition definition) {
    }
}
