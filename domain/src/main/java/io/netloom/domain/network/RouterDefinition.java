package io.netloom.domain.network;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.common.StableSets;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.route.RouteDefinition;
import java.util.Set;

/**
 * Everything an admin sets on a network router, as NetBird's NetworkRouterRequest has it: which peers forward to
 * the network's resources ({@code peer} or the members of {@code peerGroups}, exactly one), with the same metric
 * range and meaning as routes (lower wins), since routers are to be compiled onto routes.
 */
public record RouterDefinition(PeerId peer, Set<GroupId> peerGroups, int metric, boolean masquerade,
        boolean enabled) {

    public RouterDefinition {
        peerGroups = StableSets.copyOf(peerGroups, "peer_groups");
        if ((peer == null) == peerGroups.isEmpty()) {
            throw CommandRejectedException.invalid("a router needs exactly one of peer and peer_groups");
        }
        if (metric < RouteDefinition.MIN_METRIC || metric > RouteDefinition.MAX_METRIC) {
            throw CommandRejectedException.invalid("metric must be between " + RouteDefinition.MIN_METRIC + " and "
                    + RouteDefinition.MAX_METRIC + ", lower wins");
        }
    }
}
