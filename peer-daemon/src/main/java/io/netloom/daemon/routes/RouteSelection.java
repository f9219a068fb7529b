package io.netloom.daemon.routes;

import io.netloom.daemon.map.RouteEntry;
import io.netloom.daemon.map.RouteKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Chooses one routing peer for every highly available route (entries with the same network_id and network):
 * usable first, then lower metric, then direct over relayed, then lower latency, then peer id. It moves away
 * from its choice at once when that one becomes unusable, but to a merely better one only after that one has
 * been better for {@link #HOLD} without a break, so a returning peer or a wobbling latency does not make traffic
 * flap between routing peers (ADR 0032). Not thread-safe: the mesh engine calls it from its one thread.
 */
public final class RouteSelection {

    /** How long a better routing peer must stay better before traffic moves to it. */
    public static final Duration HOLD = Duration.ofSeconds(3);

    private static final Comparator<Ranked> RANK = Comparator
            .comparing((Ranked ranked) -> !ranked.link().usable())
            .thenComparingInt(ranked -> ranked.entry().metric())
            .thenComparing(ranked -> ranked.link().relayed())
            .thenComparing(ranked -> ranked.link().latency(), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(ranked -> ranked.entry().peer());

    private final Clock clock;
    private final Map<RouteKey, String> chosen = new HashMap<>();
    private final Map<RouteKey, Challenger> challengers = new HashMap<>();

    public RouteSelection(Clock clock) {
        this.clock = clock;
    }

    /**
     * The entry to use for every route among {@code entries}; routes that are gone are forgotten.
     *
     * @param links how each routing peer's tunnel stands; a peer missing here counts as down
     */
    public Map<RouteKey, RouteEntry> select(List<RouteEntry> entries, Map<String, RoutingPeerLink> links) {
        Instant now = clock.instant();
        Map<RouteKey, List<RouteEntry>> byKey = entries.stream()
                .collect(Collectors.groupingBy(RouteEntry::key, LinkedHashMap::new, Collectors.toList()));
        chosen.keySet().retainAll(byKey.keySet());
        challengers.keySet().retainAll(byKey.keySet());
        Map<RouteKey, RouteEntry> result = new LinkedHashMap<>();
        byKey.forEach((key, candidates) -> result.put(key, choose(key, candidates, links, now)));
        return result;
    }

    private RouteEntry choose(RouteKey key, List<RouteEntry> candidates, Map<String, RoutingPeerLink> links,
            Instant now) {
        List<Ranked> ranked = candidates.stream()
                .map(entry -> new Ranked(entry, links.getOrDefault(entry.peer(), RoutingPeerLink.DOWN)))
                .sorted(RANK)
                .toList();
        Ranked best = ranked.get(0);
        Ranked current = ranked.stream().filter(r -> r.entry().peer().equals(chosen.get(key))).findFirst()
                .orElse(null);
        if (current == null || !current.link().usable() || current == best
                || RANK.compare(best, current) == 0) {
            return keep(key, current == null || !current.link().usable() ? best : current);
        }
        Challenger challenger = challengers.get(key);
        if (challenger == null || !challenger.peer().equals(best.entry().peer())) {
            challengers.put(key, new Challenger(best.entry().peer(), now));
            return current.entry();
        }
        if (Duration.between(challenger.since(), now).compareTo(HOLD) >= 0) {
            return keep(key, best);
        }
        return current.entry();
    }

    private RouteEntry keep(RouteKey key, Ranked choice) {
        chosen.put(key, choice.entry().peer());
        challengers.remove(key);
        return choice.entry();
    }

    private record Ranked(RouteEntry entry, RoutingPeerLink link) {
    }

    /** A routing peer ranked above the current choice, and since when without a break. */
    private record Challenger(String peer, Instant since) {
    }
}
