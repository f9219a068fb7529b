package io.netloom.domain.dns;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.common.DnsNames;
import io.netloom.domain.common.Names;
import io.netloom.domain.common.StableSets;
import io.netloom.domain.ids.GroupId;
import java.util.Set;

/**
 * Everything an admin sets on a custom zone, as NetBird's ZoneRequest has it. Its records are the zone's own
 * (see {@link DnsZone}) and not part of this.
 *
 * @param domain the zone's apex, normalised (lowercase, no trailing dot); fixed once the zone exists
 * @param searchDomainEnabled whether the zone is also a search domain for the peers that receive it
 * @param distributionGroups the peers in any of these groups receive the zone
 */
public record DnsZoneDefinition(
        String name,
        String domain,
        boolean enabled,
        boolean searchDomainEnabled,
        Set<GroupId> distributionGroups) {

    public DnsZoneDefinition {
        name = Names.requireValid(name, "zone name");
        domain = DnsNames.configuredDomain(domain, "zone domain");
        distributionGroups = StableSets.copyOf(distributionGroups, "distribution_groups");
        if (distributionGroups.isEmpty()) {
            throw CommandRejectedException.invalid("a zone needs at least one distribution group");
        }
    }

    public boolean references(GroupId group) {
        return distributionGroups.contains(group);
    }
}
