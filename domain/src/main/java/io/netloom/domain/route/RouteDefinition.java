package io.netloom.domain.route;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.common.Required;
import io.netloom.domain.common.StableSets;
import io.netloom.domain.common.Texts;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import java.util.Set;

/**
 * Everything an admin sets on a route, as NetBird's RouteRequest has it: which peers route ({@code peer} or the
 * members of {@code peerGroups}, exactly one), to which prefix, for the peers in {@code groups}, filtered on the
 * routing peer by {@code accessControlGroups}. Domain routes are not modelled: they need DNS first.
 */
public record RouteDefinition(
        String description,
        String networkId,
        boolean enabled,
        PeerId peer,
        Set<GroupId> peerGroups,
        RoutePrefix network,
        int metric,
        boolean masquerade,
        Set<GroupId> groups,
        Set<GroupId> accessControlGroups,
        boolean keepRoute,
        boolean skipAutoApply) {

    public static final int MAX_DESCRIPTION_LENGTH = 1024;
    public static final int MAX_NETWORK_ID_LENGTH = 40;
    public static final int MIN_METRIC = 1;
    public static final int MAX_METRIC = 9999;

    public RouteDefinition {
        description = Texts.optional(description, "route description", MAX_DESCRIPTION_LENGTH);
        networkId = validNetworkId(networkId);
        peerGroups = StableSets.copyOf(peerGroups, "peer_groups");
        if ((peer == null) == peerGroups.isEmpty()) {
            throw CommandRejectedException.invalid("a route needs exactly one of peer and peer_groups");
        }
        Required.present(network, "network");
        if (metric < MIN_METRIC || metric > MAX_METRIC) {
            throw CommandRejectedException.invalid(
                    "metric must be between " + MIN_METRIC + " and " + MAX_METRIC + ", lower wins");
        }
        groups = StableSets.copyOf(groups, "groups");
        if (groups.isEmpty()) {
            throw CommandRejectedException.invalid("a route needs at least one group to distribute it to");
        }
        accessControlGroups = StableSets.copyOf(accessControlGroups, "access_control_groups");
    }

    /** Whether any of the route's group lists names the group: such a group cannot be deleted. */
    public boolean references(GroupId group) {
        return peerGroups.contains(group) || groups.contains(group) || accessControlGroups.contains(group);
    }

    private static String validNetworkId(String networkId) {
        String value = Required.present(networkId, "network_id").trim();
        if (value.isEmpty() || value.length() > MAX_NETWORK_ID_LENGTH) {
            throw CommandRejectedException.invalid(
                    "network_id must be 1 to " + MAX_NETWORK_ID_LENGTH + " characters");
        }
        return value;
    }
}
