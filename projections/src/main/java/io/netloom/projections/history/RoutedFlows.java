package io.netloom.projections.history;

import io.netloom.domain.ids.PeerId;
import io.netloom.projections.networkmap.AccountSnapshot;
import io.netloom.projections.networkmap.ForwardRule;
import io.netloom.projections.networkmap.NetworkMap;
import io.netloom.projections.networkmap.NetworkMapCalculator;
import io.netloom.projections.networkmap.PeerNode;
import io.netloom.projections.networkmap.RouteEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The networks peers reached through routing peers, read off calculated maps as the daemons apply them: a client
 * sends to a network only along a {@code routes} entry of its map, and the routing peer forwards only what a
 * {@code forward_rules} entry of its own map allows. Like {@link AccessFlows}, nothing here decides access.
 * Forward rules whose source is a network the client serves (site-to-site) are not listed: the client's own
 * address is.
 */
public final class RoutedFlows {

    private RoutedFlows() {
    }

    /** The routed flows of the clients among {@code maps}, whose routing peers' maps must be among them too. */
    public static List<RoutedFlow> in(AccountSnapshot snapshot, Map<PeerId, NetworkMap> maps) {
        Set<RoutedFlow> flows = new LinkedHashSet<>();
        maps.forEach((client, map) -> flows.addAll(of(snapshot, client, map, maps)));
        return new ArrayList<>(flows);
    }

    /** The routed flows the peer sends as a client, or forwards as a routing peer. */
    public static List<RoutedFlow> of(AccountSnapshot snapshot, PeerId peer) {
        NetworkMap own = NetworkMapCalculator.mapsOf(snapshot, List.of(peer)).get(peer);
        if (own == null) {
            return List.of();
        }
        Set<PeerId> related = new HashSet<>();
        own.routes().forEach(route -> related.add(new PeerId(route.peer())));
        if (!own.forwardRules().isEmpty()) {
            Map<String, PeerId> byAddress = new HashMap<>();
            snapshot.peers().values().forEach(node -> byAddress.put(node.hostAddress(), node.id()));
            own.forwardRules().forEach(rule -> {
                PeerId client = byAddress.get(rule.source());
                if (client != null) {
                    related.add(client);
                }
            });
        }
        Map<PeerId, NetworkMap> maps = new HashMap<>(NetworkMapCalculator.mapsOf(snapshot, related));
        maps.put(peer, own);
        Set<RoutedFlow> flows = new LinkedHashSet<>();
        maps.forEach((client, map) -> of(snapshot, client, map, maps).stream()
                .filter(flow -> flow.source().equals(peer) || flow.router().equals(peer))
                .forEach(flows::add));
        return new ArrayList<>(flows);
    }

    private static List<RoutedFlow> of(AccountSnapshot snapshot, PeerId client, NetworkMap map,
            Map<PeerId, NetworkMap> maps) {
        PeerNode node = snapshot.peers().get(client);
        List<RoutedFlow> flows = new ArrayList<>();
        if (node == null) {
            return flows;
        }
        String address = node.hostAddress();
        for (RouteEntry route : map.routes()) {
            PeerId router = new PeerId(route.peer());
            NetworkMap routerMap = maps.get(router);
            if (routerMap == null) {
                continue;
            }
            for (ForwardRule rule : routerMap.forwardRules()) {
                if (rule.source().equals(address) && rule.destination().equals(route.network())) {
                    flows.add(new RoutedFlow(client, route.network(), router, rule.protocol(), rule.ports()));
                }
            }
        }
        return flows;
    }
}
