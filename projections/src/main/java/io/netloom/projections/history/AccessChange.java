package io.netloom.projections.history;

import io.netloom.domain.ids.PeerId;
import io.netloom.projections.networkmap.AccountSnapshot;
import io.netloom.projections.networkmap.NetworkMap;
import io.netloom.projections.networkmap.NetworkMapCalculator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What going from one account's inputs to another would do to its peers: the flows gained and lost, and the peers
 * whose map would differ. Both sides are computed in full by {@link NetworkMapCalculator} and the flows read off
 * those maps by {@link AccessFlows}, so a dry run means exactly what the live maps would then mean.
 *
 * @param mapsChanged peers whose map would differ in anything but its serial, sorted by id
 */
public record AccessChange(List<AllowedFlow> gained, List<AllowedFlow> lost, List<PeerId> mapsChanged) {

    private static final Comparator<AllowedFlow> FLOW_ORDER = Comparator
            .comparing((AllowedFlow flow) -> flow.source().value())
            .thenComparing(flow -> flow.destination().value())
            .thenComparing(AllowedFlow::protocol)
            .thenComparing(flow -> String.join(",", flow.ports()));

    public AccessChange {
        gained = List.copyOf(gained);
        lost = List.copyOf(lost);
        mapsChanged = List.copyOf(mapsChanged);
    }

    public static AccessChange between(AccountSnapshot before, AccountSnapshot after) {
        Map<PeerId, NetworkMap> was = NetworkMapCalculator.allMaps(before);
        Map<PeerId, NetworkMap> will = NetworkMapCalculator.allMaps(after);
        Set<PeerId> peers = new LinkedHashSet<>(was.keySet());
        peers.addAll(will.keySet());
        List<PeerId> changed = new ArrayList<>();
        for (PeerId peer : peers) {
            if (!Objects.equals(withoutSerial(was.get(peer)), withoutSerial(will.get(peer)))) {
                changed.add(peer);
            }
        }
        changed.sort(Comparator.comparing(PeerId::value));
        // A flow is a rule in its destination's map: only the maps that differ can hold flows gained or lost.
        Set<AllowedFlow> had = new HashSet<>(AccessFlows.inMaps(before, only(was, changed)));
        Set<AllowedFlow> has = new HashSet<>(AccessFlows.inMaps(after, only(will, changed)));
        return new AccessChange(missingFrom(has, had), missingFrom(had, has), changed);
    }

    private static Map<PeerId, NetworkMap> only(Map<PeerId, NetworkMap> maps, List<PeerId> peers) {
        Map<PeerId, NetworkMap> kept = new HashMap<>();
        peers.forEach(peer -> {
            NetworkMap map = maps.get(peer);
            if (map != null) {
                kept.put(peer, map);
            }
        });
        return kept;
    }

    /** The flows of {@code flows} that {@code other} lacks, in a stable order. */
    private static List<AllowedFlow> missingFrom(Set<AllowedFlow> flows, Set<AllowedFlow> other) {
        return flows.stream().filter(flow -> !other.contains(flow)).sorted(FLOW_ORDER).toList();
    }

    private static NetworkMap withoutSerial(NetworkMap map) {
        return map == null ? null : map.withSerial(0);
    }
}
