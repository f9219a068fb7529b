package io.netloom.server.api;

import io.netloom.api.netbird.Resource;
import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.NetworkId;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.NetworkView;
import io.netloom.projections.directory.PolicyView;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The lookups the /api/networks controllers and the group views share: a network of the caller's account (or 404),
 * the resources a group holds, and the policies that reach a network's resources.
 */
final class Networks {

    private Networks() {
    }

    static NetworkView existing(AccountRecords records, String networkId) {
        return records.network(new NetworkId(networkId))
                .orElseThrow(() -> CommandRejectedException.notFound("network not found"));
    }

    /** NetBird's {@code Group.resources}: every network resource that lists the group among its groups. */
    static List<Resource> resourcesIn(AccountRecords records, GroupId group) {
        return records.networks().stream()
                .flatMap(network -> records.networkResources(network.id()).stream())
                .filter(resource -> resource.definition().groups().contains(group))
                .map(resource -> new Resource(resource.id().value(),
                        resource.definition().address().type().wireName()))
                .toList();
    }

    /**
     * NetBird's {@code Network.policies}: the policies with a rule whose destinations name a group of one of the
     * network's resources, enabled or not, since those are the policies that decide who reaches the network.
     */
    static List<String> policiesReaching(AccountRecords records, NetworkId network) {
        Set<GroupId> resourceGroups = new HashSet<>();
        records.networkResources(network).forEach(resource -> resourceGroups.addAll(resource.definition().groups()));
        return records.policies().stream()
                .filter(policy -> targetsAny(policy, resourceGroups))
                .map(policy -> policy.id().value())
                .toList();
    }

    private static boolean targetsAny(PolicyView policy, Set<GroupId> groups) {
        return policy.rules().stream()
                .anyMatch(rule -> rule.destinations().stream().anyMatch(groups::contains));
    }
}
