package io.netloom.daemon.routes;

import io.netloom.daemon.map.RouteEntry;
import io.netloom.daemon.map.RouteKey;
import io.netloom.daemon.state.StateFiles;
import io.netloom.daemon.status.RouteStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The routes this device uses as a client (ADR 0032): which routing peer carries each one, the networks that puts
 * on each peer's allowed IPs, and the kernel routes and rules. The mesh engine drives it from its one thread: it
 * asks for a new selection on every map, connection change and tick, rewrites the allowed IPs of the peers whose
 * networks changed, then applies the kernel side.
 */
public final class ClientRoutes {

    private final RouteSelection selection;
    private final KernelRoutes kernel;
    private final RouteBypass bypass;
    private final int table;
    private final Path choicesFile;
    private RouteChoices choices;
    private Map<String, Set<String>> networksByPeer = Map.of();
    private volatile List<RouteStatus> status = List.of();

    public ClientRoutes(RouteSelection selection, KernelRoutes kernel, RouteBypass bypass, int table,
            Path choicesFile) throws IOException {
        this.selection = selection;
        this.kernel = kernel;
        this.bypass = bypass;
        this.table = table;
        this.choicesFile = choicesFile;
        this.choices = StateFiles.read(choicesFile, RouteChoices.class).orElse(RouteChoices.NONE);
    }

    /**
     * Chooses a routing peer for each route the user's choice lets the device use.
     *
     * @param usable the map's routes that passed validation
     * @param links how the tunnel to each configured peer stands
     * @return the peers whose routed networks changed: their allowed IPs must be written again
     */
    public Set<String> select(List<RouteEntry> usable, Map<String, RoutingPeerLink> links) {
        List<RouteEntry> used = usable.stream().filter(choices::uses).toList();
        Map<RouteKey, RouteEntry> chosen = selection.select(used, links);
        Map<String, Set<String>> next = new TreeMap<>();
        chosen.values().forEach(entry -> next.computeIfAbsent(entry.peer(), peer -> new TreeSet<>())
                .add(entry.network()));
        Set<String> changed = new HashSet<>();
        Set<String> peers = new HashSet<>(next.keySet());
        peers.addAll(networksByPeer.keySet());
        peers.stream().filter(peer -> !next.getOrDefault(peer, Set.of()).equals(networksByPeer.getOrDefault(peer,
                Set.of()))).forEach(changed::add);
        networksByPeer = next;
        status = statusOf(usable, chosen, links);
        return changed;
    }

    /** The networks routed through {@code peerId}, to join its overlay address in its allowed IPs. */
    public List<String> networksVia(String peerId) {
        return List.copyOf(networksByPeer.getOrDefault(peerId, Set.of()));
    }

    /** Puts the kernel routes and rules in line with the last selection. */
    public void applyKernel(String device) throws IOException {
        Set<String> networks = networksByPeer.values().stream().flatMap(Set::stream)
                .collect(Collectors.toCollection(TreeSet::new));
        kernel.apply(new RoutePlan(device, table, bypass.destinations(), bypass.udpPorts(),
                networks.isEmpty() ? Set.of() : bypass.sources(), networks));
    }

    /** The routes as the last selection left them; safe to call from any thread. */
    public List<RouteStatus> status() {
        return status;
    }

    /**
     * Records the user's {@code netloom routes select|deselect} and keeps it in the state directory; the next
     * selection applies it.
     *
     * @param known the network ids the map has routes for: others are refused, a typo must not pass silently
     * @throws IllegalArgumentException naming the unknown network ids
     */
    public void choose(boolean select, Collection<String> networkIds, boolean all, Set<String> known)
            throws IOException {
        Set<String> unknown = new TreeSet<>(networkIds);
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("no route has network id " + String.join(", ", unknown)
                    + " (see `netloom routes list`)");
        }
        Collection<String> ids = all ? known : networkIds;
        RouteChoices next = select ? choices.select(ids) : choices.deselect(ids);
        StateFiles.write(choicesFile, next);
        choices = next;
    }

    /** Removes every route and rule; the routes come back with the next selection. */
    public void clear() throws IOException {
        networksByPeer = Map.of();
        status = List.of();
        kernel.clear();
    }

    private List<RouteStatus> statusOf(List<RouteEntry> usable, Map<RouteKey, RouteEntry> chosen,
            Map<String, RoutingPeerLink> links) {
        Map<RouteKey, List<RouteEntry>> byKey = usable.stream()
                .collect(Collectors.groupingBy(RouteEntry::key, LinkedHashMap::new, Collectors.toList()));
        List<RouteStatus> result = new ArrayList<>();
        byKey.forEach((key, entries) -> {
            RouteEntry choice = chosen.get(key);
            List<RouteStatus.RoutingPeer> peers = entries.stream()
                    .map(entry -> routingPeer(entry, links.getOrDefault(entry.peer(), RoutingPeerLink.DOWN)))
                    .toList();
            result.add(new RouteStatus(key.networkId(), key.network(),
                    entries.stream().allMatch(RouteEntry::skipAutoApply),
                    entries.stream().anyMatch(choices::uses),
                    choice == null ? null : choice.peer(), peers));
        });
        return List.copyOf(result);
    }

    private static RouteStatus.RoutingPeer routingPeer(RouteEntry entry, RoutingPeerLink link) {
        String state = !link.usable() ? "down" : link.relayed() ? "relayed" : "connected";
        return new RouteStatus.RoutingPeer(entry.peer(), entry.id(), entry.metric(), state,
                link.latency() == null ? null : link.latency().toNanos() / 1_000_000.0);
    }
}
