package io.netloom.domain.dns;

import io.netloom.domain.common.StableSets;
import io.netloom.domain.ids.GroupId;
import java.util.Set;

/**
 * The account's DNS settings, NetBird's DNSSettings.
 *
 * @param disabledManagementGroups peers in any of these groups are told to leave their system's DNS alone
 */
public record DnsSettings(Set<GroupId> disabledManagementGroups) {

    public static final DnsSettings NONE = new DnsSettings(Set.of());

    public DnsSettings {
        disabledManagementGroups = StableSets.copyOf(disabledManagementGroups, "disabled_management_groups");
    }

    public boolean references(GroupId group) {
        return disabledManagementGroups.contains(group);
    }
}
