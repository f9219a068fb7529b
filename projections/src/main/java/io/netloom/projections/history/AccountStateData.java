package io.netloom.projections.history;

import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.NetworkId;
import io.netloom.domain.ids.NetworkResourceId;
import io.netloom.domain.ids.NetworkRouterId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.PolicyId;
import io.netloom.domain.ids.RouteId;
import io.netloom.domain.ids.SetupKeyId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.network.ResourceDefinition;
import io.netloom.domain.network.RouterDefinition;
import io.netloom.projections.networkmap.AccountModel;
import io.netloom.projections.networkmap.DnsInputs;
import io.netloom.projections.networkmap.DnsSpec;
import io.netloom.projections.networkmap.NetworkRoutes;
import io.netloom.projections.networkmap.PolicySpec;
import io.netloom.projections.networkmap.RouteSpec;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An {@link AccountState} as plain records and lists, the form a snapshot is stored in (JSON) and a copy is made
 * through. Lists rather than maps keep typed ids out of JSON object keys.
 */
public record AccountStateData(
        Ipv4Network network,
        String dnsDomain,
        GroupId allGroup,
        List<Group> groups,
        List<AccountState.PeerRecord> peers,
        List<Policy> policies,
        List<Blocked> blockedUsers,
        List<Route> routes,
        List<Network> networks,
        List<KeyCreator> setupKeyCreators,
        DnsSpec dns) {

    /** Snapshots stored before DNS existed hold none: their accounts had no DNS configuration. */
    public AccountStateData {
        dns = dns == null ? DnsSpec.NONE : dns;
    }

    public record Member(PeerId peer, EventPosition addedBy) {
    }

    public record Group(GroupId id, List<Member> members) {
    }

    public record Policy(PolicyId id, PolicySpec spec, EventPosition changedBy) {
    }

    public record Blocked(UserId user, EventPosition blockedBy) {
    }

    public record Route(RouteId id, RouteSpec spec) {
    }

    public record Resource(NetworkResourceId id, ResourceDefinition definition) {
    }

    public record Router(NetworkRouterId id, RouterDefinition definition) {
    }

    public record Network(NetworkId id, List<Resource> resources, List<Router> routers) {
    }

    public record KeyCreator(SetupKeyId key, UserId creator) {
    }

    public static AccountStateData of(AccountState state) {
        return new AccountStateData(state.network(), state.dnsDomain(), state.allGroup(),
                state.groupMembers().entrySet().stream().map(group -> new Group(group.getKey(),
                        group.getValue().entrySet().stream()
                                .map(member -> new Member(member.getKey(), member.getValue())).toList())).toList(),
                List.copyOf(state.peers().values()),
                state.policies().entrySet().stream()
                        .map(policy -> new Policy(policy.getKey(), policy.getValue().spec(), policy.getValue().changedBy()))
                        .toList(),
                state.blockedUsers().entrySet().stream()
                        .map(blocked -> new Blocked(blocked.getKey(), blocked.getValue())).toList(),
                state.routes().entrySet().stream().map(route -> new Route(route.getKey(), route.getValue())).toList(),
                state.networks().entrySet().stream().map(network -> new Network(network.getKey(),
                        network.getValue().resources.entrySet().stream()
                                .map(resource -> new Resource(resource.getKey(), resource.getValue())).toList(),
                        network.getValue().routers.entrySet().stream()
                                .map(router -> new Router(router.getKey(), router.getValue())).toList())).toList(),
                state.setupKeyCreators().entrySet().stream()
                        .map(creator -> new KeyCreator(creator.getKey(), creator.getValue())).toList(),
                state.dns().spec());
    }

    /**
     * The same account as far as the given peers are concerned: only they and their memberships, with every group,
     * policy, block, route, network, setup key creator and the DNS configuration. Whether one peer reaches another depends on nothing else
     * ({@code AccessFlows.between}), so a question about two peers can start from this, then apply the later events
     * that name them or are not peer-scoped (ADR 0035, decision 10).
     */
    public AccountStateData restrictedTo(Collection<PeerId> kept) {
        Set<PeerId> keep = Set.copyOf(kept);
        return new AccountStateData(network, dnsDomain, allGroup,
                groups.stream().map(group -> new Group(group.id(), group.members().stream()
                        .filter(member -> keep.contains(member.peer())).toList())).toList(),
                peers.stream().filter(peer -> keep.contains(peer.node().id())).toList(),
                policies, blockedUsers, routes, networks, setupKeyCreators, dns);
    }

    /**
     * Makes the changes that recreate these inputs in {@code model}, an empty one made from {@link #network} and
     * {@link #dnsDomain}, in the order {@code AccountNetwork.copyInputs} makes them; the live maps are rebuilt from a
     * read-model snapshot this way (ADR 0054). What the changes return is of no use: no peer listens to a rebuild.
     */
    public void applyTo(AccountModel model) {
        groups.forEach(group -> model.addGroup(group.id(), group.id().equals(allGroup)));
        peers.forEach(peer -> model.addPeer(peer.node()));
        groups.forEach(group -> {
            if (!group.members().isEmpty()) {
                Set<PeerId> members = new LinkedHashSet<>();
                group.members().forEach(member -> members.add(member.peer()));
                model.addToGroup(group.id(), members);
            }
        });
        policies.forEach(policy -> model.putPolicy(policy.id(), policy.spec()));
        routes.forEach(route -> model.putRoute(route.id(), route.spec()));
        networks.forEach(network -> {
            network.resources().forEach(resource ->
                    model.putNetworkResource(network.id(), resource.id(), resource.definition()));
            network.routers().forEach(router -> model.putNetworkRouter(network.id(), router.id(), router.definition()));
        });
        blockedUsers.forEach(blocked -> model.blockUser(blocked.user()));
        setupKeyCreators.forEach(creator -> model.rememberSetupKeyCreator(creator.key(), creator.creator()));
        DnsInputs.of(dns).copyInto(model);
    }

    public AccountState toState() {
        AccountState state = new AccountState(network, dnsDomain);
        groups.forEach(group -> {
            state.groupMembers().put(group.id(), new java.util.LinkedHashMap<>());
            group.members().forEach(member -> state.groupMembers().get(group.id()).put(member.peer(), member.addedBy()));
        });
        state.restoreAllGroup(allGroup);
        peers.forEach(state::restorePeer);
        policies.forEach(policy -> state.restorePolicy(policy.id(),
                new AccountState.PolicyRecord(policy.spec(), policy.changedBy())));
        blockedUsers.forEach(blocked -> state.blockedUsers().put(blocked.user(), blocked.blockedBy()));
        routes.forEach(route -> state.routes().put(route.id(), route.spec()));
        networks.forEach(network -> {
            NetworkRoutes routes = new NetworkRoutes();
            network.resources().forEach(resource -> routes.resources.put(resource.id(), resource.definition()));
            network.routers().forEach(router -> routes.routers.put(router.id(), router.definition()));
            state.networks().put(network.id(), routes);
        });
        setupKeyCreators.forEach(creator -> state.setupKeyCreators().put(creator.key(), creator.creator()));
        state.restoreDns(DnsInputs.of(dns));
        return state;
    }
}
