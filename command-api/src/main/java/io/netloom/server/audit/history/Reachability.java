package io.netloom.server.audit.history;

import io.netloom.domain.ids.PeerId;
import io.netloom.projections.history.AccessFlows;
import io.netloom.projections.history.AllowedFlow;
import io.netloom.projections.history.RoutedFlow;
import io.netloom.projections.history.RoutedFlows;
import io.netloom.projections.networkmap.AccountSnapshot;
import io.netloom.projections.networkmap.NetworkMap;
import io.netloom.projections.networkmap.NetworkMapCalculator;
import java.util.List;
import java.util.Map;

/**
 * What was reachable at an instant, from the maps the live calculator gives for the replayed state: the flows
 * between peers and the networks reached through routing peers, for the whole account or one peer.
 */
public record Reachability(AccountSnapshot snapshot, List<AllowedFlow> flows, List<RoutedFlow> routes) {

    public static Reachability of(HistoricState historic) {
        AccountSnapshot snapshot = historic.state().snapshot();
        Map<PeerId, NetworkMap> maps = NetworkMapCalculator.allMaps(snapshot);
        return new Reachability(snapshot, AccessFlows.inMaps(snapshot, maps), RoutedFlows.in(snapshot, maps));
    }

    public static Reachability ofPeer(HistoricState historic, PeerId peer) {
        AccountSnapshot snapshot = historic.state().snapshot();
        return new Reachability(snapshot, AccessFlows.of(snapshot, peer), RoutedFlows.of(snapshot, peer));
    }
}
