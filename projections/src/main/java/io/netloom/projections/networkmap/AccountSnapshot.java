package io.netloom.projections.networkmap;

import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.PolicyId;
import io.netloom.domain.ids.UserId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * All inputs of one account's network maps at one moment.
 *
 * @param allGroup the built-in group every peer belongs to without being listed, or null
 * @param groupMembers explicit members of every group (the built-in group's entry is ignored)
 * @param blockedUsers users whose peers are cut off
 * @param routes the account's routes and network resources, each resource once per router
 * @param dns the account's DNS settings, nameserver groups and custom zones
 */
public record AccountSnapshot(
        Ipv4Network network,
        String dnsDomain,
        GroupId allGroup,
        Map<PeerId, PeerNode> peers,
        Map<GroupId, Set<PeerId>> groupMembers,
        Map<PolicyId, PolicySpec> policies,
        Set<UserId> blockedUsers,
        List<RouteSpec> routes,
        DnsSpec dns) {

    public AccountSnapshot {
        peers = Map.copyOf(peers);
        groupMembers = Map.copyOf(groupMembers);
        policies = Map.copyOf(policies);
        blockedUsers = Set.copyOf(blockedUsers);
        routes = List.copyOf(routes);
        dns = dns == null ? DnsSpec.NONE : dns;
    }

    /** Inputs without DNS configuration: what reachability questions need. */
    public AccountSnapshot(Ipv4Network network, String dnsDomain, GroupId allGroup, Map<PeerId, PeerNode> peers,
            Map<GroupId, Set<PeerId>> groupMembers, Map<PolicyId, PolicySpec> policies, Set<UserId> blockedUsers,
            List<RouteSpec> routes) {
        this(network, dnsDomain, allGroup, peers, groupMembers, policies, blockedUsers, routes, DnsSpec.NONE);
    }

    /** Whether the peer takes part in the overlay: approved, and not owned by a blocked user. */
    boolean isActive(PeerNode peer) {
        return peer.isActiveUnder(blockedUsers);
    }
}
