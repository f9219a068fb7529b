package io.netloom.daemon.engine;

import io.netloom.daemon.firewall.FirewallRuleset;
import io.netloom.daemon.firewall.ForwardFilter;
import io.netloom.daemon.firewall.Ipv4Forwarding;
import io.netloom.daemon.firewall.Nftables;
import io.netloom.daemon.firewall.RenderedRuleset;
import io.netloom.daemon.ice.ConnectionStatus;
import io.netloom.daemon.ice.DirectPathOffload;
import io.netloom.daemon.ice.IceSettings;
import io.netloom.daemon.ice.PeerConnection;
import io.netloom.daemon.ice.SignalChannel;
import io.netloom.daemon.link.InterfaceAddressing;
import io.netloom.daemon.link.IpPrefix;
import io.netloom.daemon.map.NetworkMap;
import io.netloom.daemon.map.OverlayBounds;
import io.netloom.daemon.map.RemotePeer;
import io.netloom.daemon.map.RouteEntry;
import io.netloom.daemon.map.UsablePeers;
import io.netloom.daemon.map.UsableRoutes;
import io.netloom.daemon.routes.ClientRoutes;
import io.netloom.daemon.routes.RoutingPeerLink;
import io.netloom.daemon.routes.RoutingPeerLiveness;
import io.netloom.daemon.status.PeerStatus;
import io.netloom.daemon.status.RecentProblems;
import io.netloom.daemon.status.RelayFallback;
import io.netloom.daemon.status.RouteStatus;
import io.netloom.daemon.sync.MapListener;
import io.netloom.daemon.wireguard.PeerStatistics;
import io.netloom.daemon.wireguard.WireGuardDevice;
import io.netloom.daemon.wireguard.WireGuardPeer;
import io.netloom.daemon.ice.TurnServer;
import io.netloom.daemon.ice.TurnUri;
import io.netloom.gateway.protocol.PathReport;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the device match its network map: one WireGuard peer and one ICE connection per usable
 * remote peer, the overlay address on the interface, and the inbound firewall. Changes are applied
 * as differences, so a peer joining or leaving never disturbs the others' tunnels. Everything runs
 * on one thread: the operating-system calls are blocking and must not interleave.
 */
public final class MeshEngine implements MapListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MeshEngine.class);
    private static final int KEEPALIVE_SECONDS = 10;
    /** How often routes are chosen again between map and connection changes (ADR 0032: failover within 10 s). */
    private static final Duration ROUTE_TICK = Duration.ofSeconds(1);

    private final WireGuardDevice device;
    private final int mtu;
    private final String ownPublicKey;
    private IceSettings iceSettings;
    private Duration turnLifetime;
    private final DirectPathOffload offload;
    private final Ipv4Forwarding forwarding;
    private final SignalOutbox outbox;
    private final RecentProblems problems;
    private final ClientRoutes routes;
    private final RoutingPeerLiveness liveness;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "mesh-engine");
        thread.setDaemon(true);
        return thread;
    });

    private final Map<String, RemotePeer> applied = new LinkedHashMap<>();
    private final Map<String, PeerConnection> connections = new HashMap<>();
    private Set<String> reportedProblems = Set.of();
    /** Paths left out of the last report, each shown once while it stays left out. */
    private final Set<String> unreportable = new HashSet<>();
    private String appliedAddress;
    private String appliedFirewall;
    private boolean forwardingOn;
    private List<RouteEntry> usableRoutes = List.of();
    /** Peers whose gateway session came back, until WireGuard has a handshake with them from after that. */
    private final Map<String, Instant> cameBackAt = new HashMap<>();
    private String routeProblem;
    private volatile NetworkMap current;

    /**
     * @param offload takes paths on host sockets off the daemon's proxies ({@link DirectPathOffload#NONE}: never)
     * @param forwarding switched on while the map has this device serve a network
     */
    public MeshEngine(WireGuardDevice device, int mtu, String ownPublicKey, IceSettings iceSettings,
            DirectPathOffload offload, Ipv4Forwarding forwarding, SignalOutbox outbox, RecentProblems problems,
            ClientRoutes routes) {
        this.device = device;
        this.mtu = mtu;
        this.ownPublicKey = ownPublicKey;
        this.iceSettings = iceSettings;
        this.offload = offload;
        this.forwarding = forwarding;
        this.outbox = outbox;
        this.problems = problems;
        this.routes = routes;
        this.liveness = new RoutingPeerLiveness(iceSettings.timings().probeInterval());
        // Connection states change on the connections' own threads; the tick picks them up (ADR 0032).
        worker.scheduleWithFixedDelay(this::refreshRoutesSafely, ROUTE_TICK.toMillis(), ROUTE_TICK.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void mapChanged(NetworkMap map) {
        worker.execute(() -> {
            try {
                apply(map);
            } catch (RuntimeException e) {
                report("map serial " + map.serial() + " not fully applied: " + e.getMessage());
            }
        });
    }

    @Override
    public void signalReceived(String fromPeerId, String kind, byte[] payload) {
        worker.execute(() -> {
            PeerConnection connection = connections.get(fromPeerId);
            if (connection == null) {
                report("ignored a '" + kind + "' signal from " + fromPeerId + ", which has no usable map entry");
                return;
            }
            connection.onSignal(kind, payload);
        });
    }

    /**
     * Fresh TURN credentials, valid for {@code lifetime}: used by every connection from its next gathering on, and
     * for renewing relayed paths before the credentials they were allocated with expire.
     */
    public void turnCredentialsRenewed(List<TurnUri> servers, Duration lifetime) {
        try {
            worker.execute(() -> renewTurn(servers, lifetime));
        } catch (RejectedExecutionException e) {
            log.debug("TURN credentials not applied: shutting down");
        }
    }

    private void renewTurn(List<TurnUri> servers, Duration lifetime) {
        List<TurnServer> turn = new ArrayList<>();
        for (TurnUri server : servers) {
            try {
                turn.add(TurnServer.parse(server.uri(), server.username(), server.password()));
            } catch (IllegalArgumentException e) {
                report("TURN server refused: " + e.getMessage());
            }
        }
        iceSettings = iceSettings.withServers(iceSettings.stun(), turn);
        turnLifetime = lifetime;
        connections.values().forEach(connection -> connection.renewTurn(iceSettings.turn(), lifetime));
    }

    public NetworkMap currentMap() {
        return current;
    }

    /** Status of every configured peer, with WireGuard's own counters; safe to call from any thread. */
    public List<PeerStatus> peerStatuses() {
        Map<String, PeerStatistics> statistics = new HashMap<>();
        try {
            device.statistics().forEach(entry -> statistics.put(entry.publicKey(), entry));
        } catch (IOException e) {
            log.debug("WireGuard statistics unavailable: {}", e.getMessage());
        }
        List<PeerStatus> result = new ArrayList<>();
        Map<String, RemotePeer> peers;
        Map<String, PeerConnection> links;
        synchronized (applied) {
            peers = new LinkedHashMap<>(applied);
            links = new HashMap<>(connections);
        }
        peers.values().forEach(peer -> result.add(statusOf(peer, links.get(peer.id()), statistics.get(peer.publicKey()))));
        return result;
    }

    /**
     * The paths to report to the server (docs/protocol.md §2c): those of the connected peers; safe to call from any
     * thread. A path the protocol cannot carry is left out and shown once among the problems.
     */
    public List<PathReport.Path> reportablePaths() {
        Map<String, PeerConnection> links;
        synchronized (applied) {
            links = new HashMap<>(connections);
        }
        Map<String, ConnectionStatus> statuses = new HashMap<>();
        links.forEach((peer, connection) -> statuses.put(peer, connection.status()));
        List<String> skipped = new ArrayList<>();
        List<PathReport.Path> paths = ReportablePaths.of(statuses,
                (peer, reason) -> skipped.add("path to " + peer + " not reported: " + reason));
        synchronized (unreportable) {
            skipped.stream().filter(unreportable::add).forEach(this::report);
            unreportable.retainAll(skipped);
        }
        return paths;
    }

    private void apply(NetworkMap map) {
        current = map;
        applyAddress(map.config().address());
        UsablePeers usable = UsablePeers.of(map, ownPublicKey);
        RenderedRuleset firewall = FirewallRuleset.compile(device.name(), map.inboundRules(),
                ForwardFilter.of(map));
        UsableRoutes usableRoutes = usableRoutes(map, usable);
        List<String> mapProblems = new ArrayList<>(usable.problems());
        mapProblems.addAll(firewall.problems());
        mapProblems.addAll(usableRoutes.problems());
        reportNew(mapProblems);
        PeerChanges changes = PeerChanges.between(applied, usable.peers());
        changes.removed().forEach(this::removePeer);
        changes.added().forEach(this::addPeer);
        changes.updated().forEach(update -> updatePeer(update.before(), update.after()));
        applyFirewall(firewall.script());
        // Forwarding only behind a forward filter that is in place: never a moment of forwarding without it.
        applyForwarding(firewall.forwards() && firewall.script().equals(appliedFirewall));
        this.usableRoutes = usableRoutes.routes();
        refreshRoutes();
        log.info("applied map serial {}: {} peers, {} inbound rules, {} routes", map.serial(), applied.size(),
                map.inboundRules().size(), this.usableRoutes.size());
    }

    private static UsableRoutes usableRoutes(NetworkMap map, UsablePeers usable) {
        Set<String> peerIds = usable.peers().stream().map(RemotePeer::id).collect(Collectors.toSet());
        OverlayBounds overlay;
        try {
            // The map's own address was checked against the enrollment's overlay before the map got here.
            overlay = new OverlayBounds(IpPrefix.parse(map.config().address()).network());
        } catch (IllegalArgumentException e) {
            return new UsableRoutes(List.of(), map.routes().isEmpty() ? List.of()
                    : List.of("routes ignored: the map's own address is not an overlay address"));
        }
        return UsableRoutes.of(map.routes(), overlay, peerIds);
    }

    /** The routes as chosen now; safe to call from any thread. */
    public List<RouteStatus> routeStatuses() {
        return routes.status();
    }

    /**
     * {@code netloom routes select|deselect}: records the choice and applies it before returning.
     *
     * @throws IllegalArgumentException for a network id the map has no route for
     */
    public List<RouteStatus> chooseRoutes(boolean select, Collection<String> networkIds, boolean all)
            throws IOException {
        try {
            worker.submit(() -> {
                NetworkMap map = current;
                Set<String> known = map == null ? Set.of()
                        : map.routes().stream().map(RouteEntry::networkId).collect(Collectors.toSet());
                routes.choose(select, networkIds, all, known);
                refreshRoutes();
                return null;
            }).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IllegalArgumentException refused) {
                throw refused;
            }
            throw new IOException("routes not chosen: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException | RejectedExecutionException e) {
            throw new IOException("routes not chosen: the daemon is busy or stopping");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while choosing routes");
        }
        return routes.status();
    }

    private void refreshRoutesSafely() {
        try {
            refreshRoutes();
        } catch (RuntimeException e) {
            report("routes not refreshed: " + e.getMessage());
        }
    }

    /**
     * Chooses the routing peers again, moves networks between peers' allowed IPs (peers with networks first:
     * WireGuard takes a network from its former peer as the new one gets it, so it is never on two), then the kernel.
     */
    private void refreshRoutes() {
        Set<String> changed = routes.select(usableRoutes, routingPeerLinks());
        List<String> order = new ArrayList<>(changed);
        order.sort(Comparator.comparing(peer -> routes.networksVia(peer).isEmpty()));
        for (String peerId : order) {
            RemotePeer peer = applied.get(peerId);
            PeerConnection connection = connections.get(peerId);
            if (peer == null || connection == null) {
                continue;
            }
            try {
                device.upsertPeer(wireGuardPeer(peer, connection));
            } catch (IOException e) {
                report("peer " + peerId + ": routed networks not set in WireGuard: " + e.getMessage());
            }
        }
        try {
            routes.applyKernel(device.name());
            routeProblem = null;
        } catch (IOException e) {
            String problem = "routes not applied in the kernel: " + e.getMessage();
            if (!problem.equals(routeProblem)) {
                report(problem);
                routeProblem = problem;
            }
        }
    }

    /**
     * A routing peer is usable while the gateway says it is connected and its tunnel is up and heard from, or not
     * started yet; a tunnel that went silent or is connecting again after it died is not.
     */
    private Map<String, RoutingPeerLink> routingPeerLinks() {
        cameBackAt.keySet().retainAll(applied.keySet());
        Map<String, Instant> handshakes = cameBackAt.isEmpty() ? Map.of() : lastHandshakes();
        cameBackAt.entrySet().removeIf(entry -> {
            Instant handshake = handshakes.get(applied.get(entry.getKey()).publicKey());
            return handshake != null && handshake.isAfter(entry.getValue());
        });
        Instant now = Instant.now();
        Map<String, RoutingPeerLink> links = new HashMap<>();
        applied.forEach((id, peer) -> {
            PeerConnection connection = connections.get(id);
            links.put(id, liveness.link(peer.connected(), connection == null ? null : connection.status(),
                    cameBackAt.containsKey(id), now));
        });
        return links;
    }

    private void applyAddress(String address) {
        if (address == null || address.equals(appliedAddress)) {
            return;
        }
        try {
            InterfaceAddressing.assign(device.name(), address, mtu);
            appliedAddress = address;
        } catch (IOException e) {
            report("overlay address " + address + " not assigned: " + e.getMessage());
        }
    }

    private void applyFirewall(String script) {
        if (script.equals(appliedFirewall)) {
            return;
        }
        try {
            Nftables.apply(script);
            appliedFirewall = script;
        } catch (IOException e) {
            report("inbound firewall not updated: " + e.getMessage());
        }
    }

    private void applyForwarding(boolean wanted) {
        if (wanted == forwardingOn) {
            return;
        }
        try {
            if (wanted) {
                forwarding.enable();
            } else {
                forwarding.restore();
            }
            forwardingOn = wanted;
        } catch (IOException e) {
            report("IPv4 forwarding not " + (wanted ? "enabled" : "restored") + ": " + e.getMessage());
        }
    }

    private void addPeer(RemotePeer peer) {
        PeerConnection connection = newConnection(peer);
        try {
            device.upsertPeer(wireGuardPeer(peer, connection));
        } catch (IOException e) {
            connection.close();
            report("peer " + peer.id() + " not configured in WireGuard: " + e.getMessage());
            return;
        }
        synchronized (applied) {
            applied.put(peer.id(), peer);
            connections.put(peer.id(), connection);
        }
        connection.start();
    }

    private void updatePeer(RemotePeer before, RemotePeer peer) {
        PeerConnection connection = connections.get(peer.id());
        try {
            device.upsertPeer(wireGuardPeer(peer, connection));
        } catch (IOException e) {
            report("peer " + peer.id() + " not updated in WireGuard: " + e.getMessage());
        }
        synchronized (applied) {
            applied.put(peer.id(), peer);
        }
        if (peer.connected() && !before.connected()) {
            cameBackAt.put(peer.id(), Instant.now());
            connection.remoteCameOnline();
        }
    }

    private void removePeer(RemotePeer peer) {
        PeerConnection connection;
        synchronized (applied) {
            applied.remove(peer.id());
            connection = connections.remove(peer.id());
        }
        if (connection != null) {
            connection.close();
        }
        try {
            device.removePeer(peer.publicKey());
        } catch (IOException e) {
            report("peer " + peer.id() + " not removed from WireGuard: " + e.getMessage());
        }
    }

    private PeerConnection newConnection(RemotePeer peer) {
        boolean controlling = ownPublicKey.compareTo(peer.publicKey()) > 0;
        SignalChannel signals = new SignalChannel() {
            @Override
            public void send(String kind, byte[] payload) {
                if (!outbox.send(peer.id(), kind, payload)) {
                    log.debug("{} signal to {} not sent: no gateway session", kind, peer.id());
                }
            }

            @Override
            public void confirmRoute() {
                outbox.confirmRoute();
            }
        };
        PeerConnection connection = new PeerConnection(peer.id(), controlling, iceSettings, signals,
                offload,
                endpoint -> refreshEndpointLater(peer.id()));
        if (turnLifetime != null) {
            connection.renewTurn(iceSettings.turn(), turnLifetime);
        }
        return connection;
    }

    /** The connection moved WireGuard's endpoint for this peer (path offloaded, or back to the proxy). */
    private void refreshEndpointLater(String peerId) {
        try {
            worker.execute(() -> {
                RemotePeer peer = applied.get(peerId);
                PeerConnection connection = connections.get(peerId);
                if (peer == null || connection == null) {
                    return;
                }
                try {
                    device.upsertPeer(wireGuardPeer(peer, connection));
                } catch (IOException e) {
                    report("peer " + peerId + ": WireGuard endpoint not moved to " + connection.wireGuardEndpoint()
                            + ": " + e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("endpoint of {} not refreshed: shutting down", peerId);
        }
    }

    private Map<String, Instant> lastHandshakes() {
        Map<String, Instant> handshakes = new HashMap<>();
        try {
            device.statistics().stream().filter(entry -> entry.lastHandshake() != null)
                    .forEach(entry -> handshakes.put(entry.publicKey(), entry.lastHandshake()));
        } catch (IOException e) {
            log.debug("WireGuard handshakes unavailable: {}", e.getMessage());
        }
        return handshakes;
    }

    /** The peer's overlay address and the networks it is the chosen routing peer for. */
    private WireGuardPeer wireGuardPeer(RemotePeer peer, PeerConnection connection) {
        List<String> allowedIps = new ArrayList<>();
        allowedIps.add(peer.allowedIp());
        allowedIps.addAll(routes.networksVia(peer.id()));
        return new WireGuardPeer(peer.publicKey(), connection.wireGuardEndpoint(), allowedIps, KEEPALIVE_SECONDS);
    }

    private static PeerStatus statusOf(RemotePeer peer, PeerConnection connection, PeerStatistics statistics) {
        ConnectionStatus path = connection == null ? null : connection.status();
        return new PeerStatus(
                peer.id(),
                peer.fqdn(),
                peer.allowedIp().replace("/32", ""),
                peer.publicKey(),
                peer.connected(),
                path == null ? "idle" : path.state(),
                path == null || path.type() == null ? null : path.type().name(),
                path == null ? null : path.localCandidateType(),
                path == null ? null : path.localEndpoint(),
                path == null ? null : path.remoteCandidateType(),
                path == null ? null : path.remoteEndpoint(),
                path == null || path.dataPath() == null ? null : path.dataPath().name(),
                path == null ? null : path.relayTransport(),
                path == null ? null : path.relayServer(),
                path == null ? List.of() : path.relayFallback().stream()
                        .map(step -> new RelayFallback(step.transport(), step.server(), step.skipped(), step.reason(),
                                step.at()))
                        .toList(),
                path == null || path.latency() == null ? null : path.latency().toNanos() / 1_000_000.0,
                statistics == null ? null : statistics.lastHandshake(),
                statistics == null ? 0 : statistics.receivedBytes(),
                statistics == null ? 0 : statistics.sentBytes(),
                path == null ? null : path.lastError(),
                path == null ? null : path.since());
    }

    private void reportNew(List<String> found) {
        Set<String> now = new HashSet<>(found);
        found.stream().filter(problem -> !reportedProblems.contains(problem)).forEach(this::report);
        reportedProblems = now;
    }

    private void report(String problem) {
        log.warn(problem);
        problems.add(problem);
    }

    /**
     * Closes every connection, removes the routes, puts IPv4 forwarding back as it was and removes the firewall;
     * the device itself is closed by its owner.
     */
    @Override
    public void close() {
        worker.shutdown();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            routes.clear();
        } catch (IOException e) {
            log.warn("routes of {} not removed: {}", device.name(), e.getMessage());
        }
        synchronized (applied) {
            connections.values().forEach(PeerConnection::close);
            connections.clear();
        }
        try {
            forwarding.restore();
        } catch (IOException e) {
            log.warn("IPv4 forwarding not restored: {}", e.getMessage());
        }
        try {
            Nftables.remove(device.name());
        } catch (IOException e) {
            log.warn("inbound firewall of {} not removed: {}", device.name(), e.getMessage());
        }
    }
}
