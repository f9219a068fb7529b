package io.netloom.daemon;

import io.netloom.daemon.control.ControlServer;
import io.netloom.daemon.control.RouteControl;
import io.netloom.daemon.dns.MeshDns;
import io.netloom.daemon.dns.ResolvConfFile;
import io.netloom.daemon.dns.ResolvedLink;
import io.netloom.daemon.dns.SystemDns;
import io.netloom.daemon.dns.SystemDnsChoice;
import io.netloom.daemon.dns.UpstreamForwarder;
import io.netloom.daemon.engine.MeshEngine;
import io.netloom.daemon.engine.SignalOutbox;
import io.netloom.daemon.firewall.Ipv4Forwarding;
import io.netloom.daemon.firewall.Nftables;
import io.netloom.daemon.firewall.NftablesDirectPaths;
import io.netloom.daemon.ice.DirectPathOffload;
import io.netloom.daemon.ice.IceAgents;
import io.netloom.daemon.ice.IceSettings;
import io.netloom.daemon.ice.TurnUri;
import io.netloom.daemon.link.InterfaceAddressing;
import io.netloom.daemon.management.Enrollment;
import io.netloom.daemon.management.ManagementProbe;
import io.netloom.daemon.map.NetworkMap;
import io.netloom.daemon.relay.RelayTrust;
import io.netloom.daemon.routes.ClientRoutes;
import io.netloom.daemon.routes.KernelRoutes;
import io.netloom.daemon.routes.RouteBypass;
import io.netloom.daemon.routes.RoutePlan;
import io.netloom.daemon.routes.RouteSelection;
import io.netloom.daemon.state.MapSerialFile;
import io.netloom.daemon.state.StateDirectory;
import io.netloom.daemon.state.StateFiles;
import io.netloom.daemon.state.TurnCredentialsFile;
import io.netloom.daemon.status.DaemonStatus;
import io.netloom.daemon.status.RecentProblems;
import io.netloom.daemon.status.RouteStatus;
import io.netloom.daemon.sync.GatewaySession;
import io.netloom.daemon.sync.MapListener;
import io.netloom.daemon.sync.PathReporter;
import io.netloom.daemon.sync.MapTrust;
import io.netloom.daemon.sync.TurnCredentialKeeper;
import io.netloom.daemon.sync.VerifiedMaps;
import io.netloom.daemon.wireguard.WireGuardDevice;
import io.netloom.daemon.wireguard.WireGuardDevices;
import io.netloom.enrollment.PeerConfiguration;
import io.netloom.gateway.protocol.X25519Keys;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-running daemon: brings up the WireGuard interface, syncs the map with the gateway,
 * keeps the mesh in line with it, and answers the CLI on the control socket until told to stop.
 */
public final class PeerDaemon {

    private static final Logger log = LoggerFactory.getLogger(PeerDaemon.class);
    /** Coalesces path changes: at most one report a second per device reaches the server. */
    private static final Duration PATH_REPORT_INTERVAL = Duration.ofSeconds(1);
    /** Leaves room for WireGuard's 80 bytes and a TURN ChannelData header inside a 1500-byte path. */
    public static final int MTU = 1280;

    private final StateDirectory state;
    private final X25519Keys keys;
    private final Enrollment enrollment;
    private final DaemonSettings settings;
    private final Clock clock = Clock.systemUTC();
    private final RecentProblems problems = new RecentProblems(clock);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean stopping = new AtomicBoolean();

    private Vertx vertx;
    private WireGuardDevice device;
    private MeshEngine engine;
    private MeshDns dns;
    private TurnCredentialKeeper turnCredentials;
    private GatewaySession gateway;
    private ManagementProbe management;
    private ControlServer control;

    public PeerDaemon(StateDirectory state, X25519Keys keys, Enrollment enrollment, DaemonSettings settings) {
        this.state = state;
        this.keys = keys;
        this.enrollment = enrollment;
        this.settings = settings;
    }

    /** Runs until {@code netloom down}, SIGTERM or SIGINT; the interface and firewall are removed on the way out. */
    public void run() throws IOException, InterruptedException {
        PeerConfiguration configuration = enrollment.configuration();
        try {
            // First: an enrollment this daemon cannot verify maps with must stop it before it touches anything.
            VerifiedMaps verifiedMaps = verifiedMaps(configuration);
            // Before anything asks for a name: a resolv.conf a killed daemon left pointing at itself is put back.
            dns = meshDns();
            IceAgents.warmUpInBackground();
            device = WireGuardDevices.open(settings.interfaceName());
            device.configure(keys.privateKey(), settings.wireGuardPort());
            InterfaceAddressing.assign(device.name(), configuration.overlayAddressWithPrefix(), MTU);
            turnCredentials = turnCredentials(configuration);
            IceSettings ice = iceSettings(configuration, turnCredentials.current());
            // No file cache: the daemon serves no files, and a cache directory would outlive a killed daemon.
            vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2)
                    .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false)
                            .setClassPathResolvingEnabled(false)));
            // Forwarding a killed daemon left on would make the machine a router for good; undone before its
            // forward filter goes with the rest.
            Ipv4Forwarding forwarding = new Ipv4Forwarding(Ipv4Forwarding.SYSCTL, state.forwardingBefore());
            forwarding.restore();
            // Rules a killed daemon left behind would steer datagrams to sockets that no longer exist.
            Nftables.remove(device.name());
            engine = new MeshEngine(device, MTU, keys.publicKeyBase64(), ice, directPathOffload(), forwarding,
                    gatewayOutbox(), problems,
                    clientRoutes(configuration, ice));
            turnCredentials.useWith(this::relayWith);
            if (turnCredentials.current().lifetime() != null) {
                relayWith(turnCredentials.current());
            }
            gateway = new GatewaySession(vertx, configuration.gateway().urls().stream().map(URI::create).toList(),
                    enrollment.gatewayTrust(),
                    keys, X25519Keys.decodePublicKey(configuration.gateway().publicKey()), configuration.peerId(),
                    this::extraDnsLabels, meshAndDns(), problems, clock, verifiedMaps, turnCredentials::receive);
            management = new ManagementProbe(URI.create(enrollment.managementUrl()), enrollment.managementTrust(),
                    clock);
            control = ControlServer.start(state.controlSocket(), this::status, this::stop, routeControl());
        } catch (IOException | RuntimeException e) {
            stop();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "daemon-shutdown"));
        management.start();
        gateway.start();
        reportPaths();
        log.info("netloom {} up as {} ({}) on {} ({}), WireGuard port {}", DaemonVersion.current(),
                configuration.fqdn(), configuration.overlayIp(), device.name(), device.kind(), settings.wireGuardPort());
        stopped.await();
    }

    /** Reports this device's paths to the server, at most once a second (docs/protocol.md §2c). */
    private void reportPaths() {
        PathReporter reporter = new PathReporter(engine::reportablePaths, gateway.pathReports());
        vertx.setPeriodic(PATH_REPORT_INTERVAL.toMillis(), timer -> {
            try {
                reporter.tick();
            } catch (RuntimeException e) {
                log.warn("paths not reported: {}", e.toString());
            }
        });
    }

    /**
     * The client side of routes, after removing what a killed daemon left: its rules would send traffic into a
     * table whose interface no longer exists. The servers are resolved now, while no route can capture DNS.
     */
    private ClientRoutes clientRoutes(PeerConfiguration configuration, IceSettings ice) throws IOException {
        KernelRoutes.removeLeftovers(KernelRoutes.Ip.LOCAL, RoutePlan.DEFAULT_TABLE);
        List<String> servers = new ArrayList<>();
        servers.add(URI.create(enrollment.managementUrl()).getHost());
        configuration.gateway().urls().forEach(url -> servers.add(URI.create(url).getHost()));
        ice.stun().forEach(server -> servers.add(server.host()));
        ice.turn().forEach(server -> servers.add(server.host()));
        RouteBypass bypass = RouteBypass.resolve(servers, settings.wireGuardPort(), device.name(), problems::add);
        return new ClientRoutes(new RouteSelection(clock), new KernelRoutes(KernelRoutes.Ip.LOCAL), bypass,
                RoutePlan.DEFAULT_TABLE, state.routeChoices());
    }

    /**
     * The peer's resolver and the system's DNS (ADR 0045): systemd-resolved's settings of the overlay link where
     * resolved is in charge, otherwise /etc/resolv.conf, whose original a killed daemon may have left in the state
     * directory and which is put back first.
     */
    private MeshDns meshDns() {
        ResolvConfFile file = new ResolvConfFile(ResolvConfFile.DEFAULT, state.resolvConfOriginal());
        try {
            file.recoverLeftover().ifPresent(done -> log.info("resolv.conf left by an earlier daemon: {}", done));
        } catch (IOException e) {
            problems.add("resolv.conf left by an earlier daemon not put back: " + e.getMessage());
        }
        SystemDns system = SystemDnsChoice.choose(file, ResolvConfFile.DEFAULT,
                SystemDnsChoice.onPath("resolvectl", System.getenv("PATH")), settings.interfaceName(),
                ResolvedLink.UPLINKS);
        return new MeshDns(system, 53, UpstreamForwarder.DEFAULT_BUDGET, problems);
    }

    /** Every map goes to the mesh and to DNS; signals only to the mesh. */
    private MapListener meshAndDns() {
        return new MapListener() {
            @Override
            public void mapChanged(NetworkMap map) {
                engine.mapChanged(map);
                dns.mapChanged(map);
            }

            @Override
            public void signalReceived(String fromPeerId, String kind, byte[] payload) {
                engine.signalReceived(fromPeerId, kind, payload);
            }
        };
    }

    /** Maps as this device accepts them: signed for it, in order, never older than the last one it held. */
    private VerifiedMaps verifiedMaps(PeerConfiguration configuration) throws IOException {
        MapSerialFile kept = new MapSerialFile(state.mapSerial(), configuration.peerId());
        return new VerifiedMaps(MapTrust.of(configuration), kept.read(), floors -> {
            try {
                kept.write(floors);
            } catch (IOException e) {
                problems.add("map serials " + floors.asMap() + " not recorded: " + e.getMessage());
            }
        });
    }

    private DirectPathOffload directPathOffload() {
        if (settings.dataPath() == DaemonSettings.DataPathChoice.PROXY) {
            return DirectPathOffload.NONE;
        }
        return new NftablesDirectPaths(device.name(), settings.wireGuardPort(), problems::add);
    }

    /** The enrollment's TURN credentials, or the newer ones the gateway sent before the daemon last stopped. */
    private TurnCredentialKeeper turnCredentials(PeerConfiguration configuration) {
        TurnCredentialsFile file = new TurnCredentialsFile(state.turnCredentials(), configuration.peerId());
        Optional<TurnCredentialsFile.Kept> kept;
        try {
            kept = file.read();
        } catch (IOException e) {
            problems.add("saved TURN credentials not used: " + e.getMessage());
            kept = Optional.empty();
        }
        return new TurnCredentialKeeper(configuration.turnServers(), kept, file, problems);
    }

    private void relayWith(TurnCredentialKeeper.Held held) {
        engine.turnCredentialsRenewed(turnUris(held), held.lifetime());
    }

    private static List<TurnUri> turnUris(TurnCredentialKeeper.Held held) {
        return held.servers().stream()
                .map(server -> new TurnUri(server.uri(), server.username(), server.password()))
                .toList();
    }

    private IceSettings iceSettings(PeerConfiguration configuration, TurnCredentialKeeper.Held turnCredentials) {
        List<TurnUri> turn = turnUris(turnCredentials);
        IceSettings ice = IceSettings.parse(configuration.stunUris(), turn, Set.of(device.name()),
                settings.wireGuardPort());
        ice.problems().forEach(problems::add);
        if (settings.relayCaFile() != null) {
            try {
                ice = ice.withRelayTrust(RelayTrust.systemDefaultAnd(Path.of(settings.relayCaFile())));
            } catch (IOException | RuntimeException e) {
                // TLS relays then need a certificate from a public CA; UDP and TCP relays work as before.
                String problem = "relay CA file " + settings.relayCaFile() + " not used: " + e.getMessage();
                log.warn(problem);
                problems.add(problem);
            }
        }
        return ice;
    }

    /**
     * The extra DNS labels as the settings file has them now: a {@code netloom login} while the daemon runs changes
     * them there, and the next sign-in at the gateway must not take them back (ADR 0046).
     */
    private List<String> extraDnsLabels() {
        try {
            return StateFiles.read(state.settings(), DaemonSettings.class).map(DaemonSettings::extraDnsLabels)
                    .orElse(settings.extraDnsLabels());
        } catch (IOException | RuntimeException e) {
            problems.add("extra DNS labels: cannot read " + state.settings() + " (" + e.getMessage()
                    + "); asking for those the daemon started with");
            return settings.extraDnsLabels();
        }
    }

    public DaemonStatus status() {
        PeerConfiguration configuration = enrollment.configuration();
        NetworkMap map = engine.currentMap();
        return new DaemonStatus(
                DaemonVersion.current(),
                ProcessHandle.current().pid(),
                management.status(),
                gateway.status(),
                configuration.peerId(),
                keys.publicKeyBase64(),
                configuration.overlayIp(),
                configuration.fqdn(),
                device.name(),
                device.kind() == io.netloom.daemon.wireguard.InterfaceKind.KERNEL ? "kernel" : "userspace",
                settings.wireGuardPort(),
                map == null ? null : map.serial(),
                turnCredentials.current().expiresAt(),
                engine.peerStatuses(),
                problems.newestFirst(),
                engine.routeStatuses(),
                map == null ? List.of() : map.servedRoutes(),
                dns.status());
    }

    private RouteControl routeControl() {
        return new RouteControl() {
            @Override
            public List<RouteStatus> routes() {
                return engine.routeStatuses();
            }

            @Override
            public List<RouteStatus> choose(boolean select, List<String> networkIds, boolean all)
                    throws IOException {
                return engine.chooseRoutes(select, networkIds, all);
            }
        };
    }

    /** Idempotent: the first caller tears everything down, in the reverse order of start-up. */
    public void stop() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        log.info("stopping");
        if (gateway != null) {
            gateway.stop();
        }
        closeQuietly(management);
        // Before the interface goes: the system asks the resolver on its address until its DNS is put back.
        closeQuietly(dns);
        closeQuietly(engine);
        closeQuietly(device);
        if (vertx != null) {
            vertx.close();
        }
        // Last, so that `netloom down` returns only once the interface and firewall are gone.
        closeQuietly(control);
        stopped.countDown();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("while stopping: {}", e.getMessage());
        }
    }

    /** Signals go out through the gateway session, which also checks itself when a path goes quiet. */
    private SignalOutbox gatewayOutbox() {
        return new SignalOutbox() {
            @Override
            public boolean send(String toPeerId, String kind, byte[] payload) {
                return gateway.sendSignal(toPeerId, kind, payload);
            }

            @Override
            public void confirmRoute() {
                GatewaySession current = gateway;
                if (current != null) {
                    current.confirmAlive();
                }
            }
        };
    }
}
