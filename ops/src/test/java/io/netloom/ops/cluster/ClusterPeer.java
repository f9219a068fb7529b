package io.netloom.ops.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netloom.daemon.map.NetworkMap;
import io.netloom.daemon.status.RecentProblems;
import io.netloom.daemon.status.ServiceStatus;
import io.netloom.daemon.sync.GatewaySession;
import io.netloom.daemon.sync.MapFloors;
import io.netloom.daemon.sync.MapListener;
import io.netloom.daemon.sync.MapTrust;
import io.netloom.daemon.sync.VerifiedMaps;
import io.netloom.enrollment.PeerConfiguration;
import io.netloom.gateway.protocol.PeerSignalChannel;
import io.netloom.gateway.protocol.X25519Keys;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.TestData;
import io.netloom.server.testing.TestPeers;
import io.netloom.tls.ServerTrust;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A simulated device: enrolled with a setup key through the API like the daemon, then holding the daemon's own
 * gateway session ({@link GatewaySession}: signed maps verified and applied, signals sealed end to end, the next
 * gateway URL at once when a session ends). Only WireGuard, ICE and the rest of the host are left out.
 */
public final class ClusterPeer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final X25519Keys keys;
    private final PeerConfiguration configuration;
    private final List<Signal> signals = new CopyOnWriteArrayList<>();
    private volatile NetworkMap map;
    private GatewaySession session;

    /** A signal the device opened: who sent it, its kind and its payload as text. */
    public record Signal(String from, String kind, String payload) {
    }

    private ClusterPeer(X25519Keys keys, PeerConfiguration configuration) {
        this.keys = keys;
        this.configuration = configuration;
    }

    /** Enrolls a new device through {@code api}, whose gateway URLs it is then given, that process's own first. */
    public static ClusterPeer enroll(NetloomApi api, String setupKey, String hostname) throws IOException {
        X25519Keys keys = X25519Keys.generate();
        NetloomApi.Response answer = TestData.ok(api.anonymous().post("/api/netloom/enroll",
                TestPeers.enrollment(setupKey, keys.publicKeyBase64(), hostname)));
        return new ClusterPeer(keys, JSON.readValue(answer.rawBody(), PeerConfiguration.class));
    }

    /** Opens the session; it moves through every gateway URL of the enrollment, as the daemon does. */
    public void start(Vertx vertx) {
        start(vertx, gatewayUrls());
    }

    /** Opens the session on the first gateway only: a device that cannot move (it died with its gateway, say). */
    public void startOnFirstGatewayOnly(Vertx vertx) {
        start(vertx, gatewayUrls().subList(0, 1));
    }

    private void start(Vertx vertx, List<URI> urls) {
        ServerTrust trust = ServerTrust.of(Optional.empty());
        RecentProblems problems = new RecentProblems(Clock.systemUTC());
        session = new GatewaySession(vertx, urls, trust, keys,
                X25519Keys.decodePublicKey(configuration.gateway().publicKey()), configuration.peerId(), null,
                new MapListener() {
                    @Override
                    public void mapChanged(NetworkMap changed) {
                        map = changed;
                    }

                    @Override
                    public void signalReceived(String fromPeerId, String kind, byte[] payload) {
                        signals.add(new Signal(fromPeerId, kind, new String(payload, StandardCharsets.UTF_8)));
                    }
                }, problems, Clock.systemUTC(), new VerifiedMaps(MapTrust.of(configuration), MapFloors.none(),
                        floors -> { }), grant -> { });
        session.start();
    }

    /** Seals an offer for {@code peerId} and sends it (a handshake with it first, if none yet); false if it cannot. */
    public boolean sendOffer(String peerId, String payload) {
        return session.sendSignal(peerId, PeerSignalChannel.OFFER, payload.getBytes(StandardCharsets.UTF_8));
    }

    public String peerId() {
        return configuration.peerId();
    }

    public List<URI> gatewayUrls() {
        return configuration.gateway().urls().stream().map(URI::create).toList();
    }

    /** The map the device holds, verified and applied; null before the first. */
    public NetworkMap map() {
        return map;
    }

    public List<Signal> signals() {
        return List.copyOf(signals);
    }

    /** The gateway URL in use and whether the session is signed in there ({@code connected}). */
    public ServiceStatus status() {
        return session.status();
    }

    /**
     * Polls {@code devices} (every 10 ms) until each is signed in at another gateway than {@code left}, at most
     * {@code patience} from {@code sinceNanos}: the milliseconds from then to the first poll that saw each there, by
     * peer id, for those that got there. A measurement, not an assertion of time.
     */
    public static Map<String, Long> millisUntilSignedInElsewhere(List<ClusterPeer> devices, URI left, long sinceNanos,
            Duration patience) throws InterruptedException {
        Map<String, Long> moved = new LinkedHashMap<>();
        long deadline = sinceNanos + patience.toNanos();
        while (moved.size() < devices.size() && System.nanoTime() < deadline) {
            for (ClusterPeer device : devices) {
                ServiceStatus status = device.status();
                if (!moved.containsKey(device.peerId()) && status.state().equals("connected")
                        && !status.url().equals(left.toString())) {
                    moved.put(device.peerId(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sinceNanos));
                }
            }
            Thread.sleep(10);
        }
        return moved;
    }

    public void stop() {
        if (session != null) {
            session.stop();
        }
    }
}
