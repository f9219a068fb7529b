package io.netloom.projections.history;

import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.projections.networkmap.AccountSnapshot;
import io.netloom.projections.networkmap.InboundRule;
import io.netloom.projections.networkmap.NetworkMap;
import io.netloom.projections.networkmap.NetworkMapCalculator;
import io.netloom.projections.networkmap.PeerNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The flows peers were allowed, read off the maps {@link NetworkMapCalculator} gives for a snapshot: a flow from
 * S to D is an inbound rule in D's map whose source is S's address. Nothing here decides access itself.
 */
public final class AccessFlows {

    private AccessFlows() {
    }

    /** Every allowed flow of the account, grouped by destination. */
    public static List<AllowedFlow> all(AccountSnapshot snapshot) {
        return inMaps(snapshot, NetworkMapCalculator.allMaps(snapshot));
    }

    /** The flows the peer starts or receives. */
    public static List<AllowedFlow> of(AccountSnapshot snapshot, PeerId peer) {
        NetworkMap own = NetworkMapCalculator.mapsOf(snapshot, List.of(peer)).get(peer);
        if (own == null) {
            return List.of();
        }
        Set<PeerId> remotes = new HashSet<>();
        own.remotePeers().forEach(remote -> remotes.add(new PeerId(remote.id())));
        Map<PeerId, NetworkMap> maps = new HashMap<>(NetworkMapCalculator.mapsOf(snapshot, remotes));
        maps.put(peer, own);
        List<AllowedFlow> flows = new ArrayList<>();
        for (AllowedFlow flow : inMaps(snapshot, maps)) {
            if (flow.source().equals(peer) || flow.destination().equals(peer)) {
                flows.add(flow);
            }
        }
        return flows;
    }

    /**
     * The flows from {@code source} to {@code destination}. Only the two peers' own standing and groups, and the
     * policies, decide whether one's map holds a rule from the other (routes add remote peers, never inbound
     * rules), so the maps are computed for an account holding just those two: the same answer, at the cost of two
     * peers instead of the whole account.
     */
    public static List<AllowedFlow> between(AccountSnapshot snapshot, PeerId source, PeerId destination) {
        List<AllowedFlow> flows = new ArrayList<>();
        AccountSnapshot pair = twoPeers(snapshot, source, destination);
        NetworkMap map = NetworkMapCalculator.mapsOf(pair, List.of(destination)).get(destination);
        PeerNode from = snapshot.peers().get(source);
        if (map == null || from == null || source.equals(destination)) {
            return flows;
        }
        for (InboundRule rule : map.inboundRules()) {
            if (rule.source().equals(from.hostAddress())) {
                flows.add(new AllowedFlow(source, destination, rule.protocol(), rule.ports()));
            }
        }
        return flows;
    }

    /** The snapshot with every peer but these two left out, and no routes. */
    public static AccountSnapshot twoPeers(AccountSnapshot snapshot, PeerId first, PeerId second) {
        Map<PeerId, PeerNode> peers = new HashMap<>();
        for (PeerId id : List.of(first, second)) {
            PeerNode node = snapshot.peers().get(id);
            if (node != null) {
                peers.put(id, node);
            }
        }
        Map<GroupId, Set<PeerId>> members = new HashMap<>();
        snapshot.groupMembers().forEach((group, all) -> {
            Set<PeerId> kept = new HashSet<>();
            peers.keySet().forEach(id -> {
                if (all.contains(id)) {
                    kept.add(id);
                }
            });
            members.put(group, kept);
        });
        return new AccountSnapshot(snapshot.network(), snapshot.dnsDomain(), snapshot.allGroup(), peers, members,
                snapshot.policies(), snapshot.blockedUsers(), List.of());
    }

    /**
     * The flows into the peers of {@code maps}, maps the calculator gave for {@code snapshot}: for a caller that
     * needs the maps themselves too (a dry run compares them) and should not compute them twice.
     */
    public static List<AllowedFlow> inMaps(AccountSnapshot snapshot, Map<PeerId, NetworkMap> maps) {
        Map<String, PeerId> byAddress = new HashMap<>();
        snapshot.peers().values().forEach(peer -> byAddress.put(peer.hostAddress(), peer.id()));
        List<AllowedFlow> flows = new ArrayList<>();
        maps.forEach((destination, map) -> {
            for (InboundRule rule : map.inboundRules()) {
                PeerId source = byAddress.get(rule.source());
                if (source != null) {
                    flows.add(new AllowedFlow(source, destination, rule.protocol(), rule.ports()));
                }
            }
        });
        return flows;
    }
}
