package io.netloom.projections.networkmap;

import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.NetworkId;
import io.netloom.domain.ids.NetworkResourceId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.RouteId;
import io.netloom.domain.network.ResourceDefinition;
import io.netloom.domain.network.RouterDefinition;
import io.netloom.domain.route.RouteDefinition;
import java.util.Set;

/**
 * A route as the network map sees it: a route of /api/routes, or one network resource served by one of its
 * network's routers (both compile onto this one shape, docs/protocol.md §2b).
 *
 * @param id the route's id, or the resource's id
 * @param networkId what groups routing peers into one highly available route: the route's {@code network_id},
 *     or the network's id
 * @param peer the routing peer, or null when the members of {@code peerGroups} route
 * @param groups who receives the route; for a resource its groups, which only access control uses
 * @param accessControlGroups when not empty, a client needs an enabled policy from it to one of these groups,
 *     and the routing peer forwards only that policy's protocol and ports
 * @param resource whether it is a network resource: default-deny, reaching exactly the sources of enabled
 *     policies targeting {@code accessControlGroups}, which get the routing peer as a remote peer without a
 *     policy of their own
 */
public record RouteSpec(
        String id,
        String networkId,
        String network,
        boolean enabled,
        PeerId peer,
        Set<GroupId> peerGroups,
        int metric,
        boolean masquerade,
        Set<GroupId> groups,
        Set<GroupId> accessControlGroups,
        boolean skipAutoApply,
        boolean resource) {

    public RouteSpec {
        peerGroups = Set.copyOf(peerGroups);
        groups = Set.copyOf(groups);
        accessControlGroups = Set.copyOf(accessControlGroups);
    }

    public static RouteSpec of(RouteId id, RouteDefinition route) {
        return new RouteSpec(id.value(), route.networkId(), route.network().cidr(), route.enabled(), route.peer(),
                route.peerGroups(), route.metric(), route.masquerade(), route.groups(), route.accessControlGroups(),
                route.skipAutoApply(), false);
    }

    /** The resource as served by one router; enabled only while both are. */
    public static RouteSpec of(NetworkId network, NetworkResourceId id, ResourceDefinition resource,
            RouterDefinition router) {
        return new RouteSpec(id.value(), network.value(), resource.address().prefix().cidr(),
                resource.enabled() && router.enabled(), router.peer(), router.peerGroups(), router.metric(),
                router.masquerade(), resource.groups(), resource.groups(), false, true);
    }
}
