package io.netloom.daemon.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.netloom.daemon.map.NetworkMap;
import io.netloom.daemon.map.RemotePeer;
import io.netloom.daemon.status.RecentProblems;
import io.netloom.daemon.status.ServiceStatus;
import io.netloom.gateway.client.GatewayClient;
import io.netloom.gateway.client.GatewayWatchdog;
import io.netloom.gateway.protocol.PathReport;
import io.netloom.gateway.protocol.PeerSignalChannel;
import io.netloom.gateway.protocol.SealedSignal;
import io.netloom.gateway.protocol.TurnCredentialsMessage;
import io.netloom.gateway.protocol.Wire;
import io.netloom.gateway.protocol.X25519Keys;
import io.netloom.tls.ServerTrust;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's one session with the signal gateway: keeps the network map in sync (full map, then
 * deltas, each verified by {@link VerifiedMaps} before it is applied), passes signals through each
 * remote peer's forward-secret channel (sealing outgoing ones, answering handshakes, delivering only
 * what authenticates and is neither replayed nor stale), hands on the TURN credentials the gateway renews, carries
 * the device's path reports ({@link #pathReports}), and reconnects whenever the session ends: to the
 * server's next gateway URL at once, with backoff only after a whole round of them ({@link GatewayRotation}).
 * Losing the gateway, or a refused map, never touches the tunnels: the last good map stays applied.
 */
public final class GatewaySession {

    private static final Logger log = LoggerFactory.getLogger(GatewaySession.class);
    /** A pong comes back in milliseconds; a gateway this slow is as good as gone for a negotiation under way. */
    private static final Duration CONFIRM_WITHIN = Duration.ofSeconds(3);

    private final Vertx vertx;
    private final ServerTrust trust;
    private final GatewayClient client;
    private final GatewayRotation gateways;
    private final X25519Keys keys;
    private final byte[] gatewayPublicKey;
    private final MapListener listener;
    private final Clock clock;
    private final SignalChannels channels;
    private final RecentProblems problems;
    private final VerifiedMaps verifiedMaps;
    private final Consumer<TurnCredentialsMessage.Grant> turnCredentials;
    private final Supplier<List<String>> extraDnsLabels;

    private volatile NetworkMap map;
    private volatile WebSocket socket;
    private volatile GatewayWatchdog watchdog;
    /** Counts the sessions, so a report meant for one never goes out on the next. */
    private volatile long sessionNumber;
    private volatile boolean gatewayTakesPaths;
    private volatile ServiceStatus status;
    private volatile boolean stopped;

    /**
     * @param extraDnsLabels the extra DNS labels this device asks for at every sign-in, as NetBird's daemon does at
     *     every login (ADR 0046), asked anew each time (a {@code netloom login} may have changed them meanwhile);
     *     {@code null}: says nothing of them
     * @param gatewayUrls the server's gateway processes, the one to try first first; each must prove the one gateway
     *     key and pass the one {@code gatewayTrust} (all processes share them, ADR 0057)
     */
    public GatewaySession(Vertx vertx, List<URI> gatewayUrls, ServerTrust gatewayTrust, X25519Keys keys,
            byte[] gatewayPublicKey, String ownPeerId, Supplier<List<String>> extraDnsLabels, MapListener listener,
            RecentProblems problems, Clock clock, VerifiedMaps verifiedMaps,
            Consumer<TurnCredentialsMessage.Grant> turnCredentials) {
        this.extraDnsLabels = extraDnsLabels == null ? () -> null : extraDnsLabels;
        this.vertx = vertx;
        this.trust = gatewayTrust;
        this.client = new GatewayClient(vertx, 1, gatewayTrust);
        this.gateways = new GatewayRotation(gatewayUrls);
        this.keys = keys;
        this.gatewayPublicKey = gatewayPublicKey;
        this.listener = listener;
        this.clock = clock;
        this.channels = new SignalChannels(ownPeerId, keys, new SignalSequence(clock)::next);
        this.problems = problems;
        this.verifiedMaps = verifiedMaps;
        this.turnCredentials = turnCredentials;
        this.status = new ServiceStatus(gateways.current().toString(), "connecting", clock.instant(), null);
    }

    public void start() {
        SignalChannels.warmUpInBackground();
        connect();
    }

    public ServiceStatus status() {
        return status;
    }

    /**
     * Seals {@code payload} for {@code to} and sends it (an offer after a fresh handshake); false when there is no
     * session, no such peer in the map, or no handshake with it yet to send anything but an offer under.
     */
    public boolean sendSignal(String to, String kind, byte[] payload) {
        WebSocket current = socket;
        RemotePeer peer = peerInMap(to);
        if (current == null || peer == null) {
            return false;
        }
        PeerSignalChannel channel;
        try {
            channel = channels.with(peer);
        } catch (IllegalArgumentException e) {
            return false;
        }
        // Written under the channel's lock, so the gateway sees its sequence numbers in the order they were drawn.
        synchronized (channel) {
            List<SealedSignal> signals = channel.send(kind, payload);
            signals.forEach(signal -> current.writeTextMessage(Wire.signalTo(to, signal)));
            return !signals.isEmpty();
        }
    }

    /**
     * Where this device's path reports go (docs/protocol.md §2c): the live session, when the gateway's welcome said
     * it takes them. An older gateway closes a session on a message it does not know, so it never gets one.
     */
    public PathReporter.Sink pathReports() {
        return new PathReporter.Sink() {
            @Override
            public long session() {
                return socket != null && gatewayTakesPaths ? sessionNumber : NONE;
            }

            @Override
            public boolean send(long session, String message) {
                WebSocket current = socket;
                if (current == null || session != sessionNumber) {
                    return false;
                }
                current.writeTextMessage(message);
                return true;
            }
        };
    }

    /**
     * Checks the session now instead of at the next heartbeat: a path to a peer went quiet, and the connection to
     * the gateway may have died with it (the device's public address changed) while a replacement negotiation
     * needs it. A dead session is closed and reconnected; the gateway then hands the new one the signals the old
     * one may have swallowed (ADR 0048).
     */
    public void confirmAlive() {
        GatewayWatchdog current = socket == null ? null : watchdog;
        if (current != null) {
            current.confirmWithin(CONFIRM_WITHIN);
        }
    }

    public void stop() {
        stopped = true;
        WebSocket current = socket;
        if (current != null) {
            current.close((short) 1000, "daemon stopping");
        }
    }

    private void connect() {
        if (stopped) {
            return;
        }
        NetworkMap held = map;
        URI gatewayUrl = gateways.current();
        client.connect(gatewayUrl, keys, gatewayPublicKey, held == null ? -1 : held.serial(),
                        held == null ? null : verifiedMaps.heldModel(), io.netloom.daemon.DaemonVersion.current(),
                        extraDnsLabels.get(), this::attach)
                .onSuccess(connected -> {
                    gateways.signedIn();
                    status = new ServiceStatus(gatewayUrl.toString(), "connected", clock.instant(), null);
                    log.info("connected to the gateway at {}", gatewayUrl);
                })
                .onFailure(failure -> retryLater(trust.refusalBehind(failure)
                        .map(refusal -> "refused the gateway's certificate: " + refusal.reason())
                        .orElseGet(() -> "cannot connect: " + failure.getMessage())));
    }

    private void attach(WebSocket webSocket, Set<String> gatewayFeatures) {
        gatewayTakesPaths = gatewayFeatures.contains(PathReport.FEATURE);
        sessionNumber++;
        socket = webSocket;
        verifiedMaps.sessionStarted();
        GatewayWatchdog watchdog = GatewayWatchdog.watch(vertx, webSocket, Duration.ofSeconds(15), Duration.ofSeconds(45));
        this.watchdog = watchdog;
        webSocket.textMessageHandler(text -> {
            watchdog.heard();
            handle(webSocket, text);
        });
        webSocket.closeHandler(closed -> {
            socket = null;
            String reason = webSocket.closeReason() == null ? "" : " (" + webSocket.closeReason() + ")";
            retryLater("session closed with code " + webSocket.closeStatusCode() + reason);
        });
        webSocket.exceptionHandler(failure -> log.debug("gateway session failed: {}", failure.getMessage()));
    }

    private void retryLater(String why) {
        if (stopped) {
            return;
        }
        URI failed = gateways.current();
        status = new ServiceStatus(failed.toString(), "disconnected", clock.instant(), why);
        Duration wait = gateways.failed();
        log.warn("gateway {}: {}; trying {} in {} ms", failed, why, gateways.current(), wait.toMillis());
        if (wait.isZero()) {
            vertx.runOnContext(ignored -> connect());
        } else {
            vertx.setTimer(wait.toMillis(), timer -> connect());
        }
    }

    private void handle(WebSocket webSocket, String text) {
        JsonNode message;
        try {
            message = Wire.read(text);
        } catch (Exception e) {
            reject("ignored a gateway message that is not JSON");
            return;
        }
        String type = message.path("type").asText("");
        try {
            switch (type) {
                case "map", "delta" -> receiveMap(webSocket, text);
                case "signal" -> openSignal(webSocket, message);
                // Only reachable on a signed-in session: before the welcome, GatewayClient refuses every message.
                case TurnCredentialsMessage.TYPE -> turnCredentials.accept(TurnCredentialsMessage.decode(message));
                case "error" -> {
                    String error = message.path("code").asText() + ": " + message.path("message").asText();
                    log.info("gateway reported {}", error);
                    status = new ServiceStatus(status.url(), "connected", status.since(), error);
                }
                default -> reject("ignored a gateway message of unknown type '" + type + "'");
            }
        } catch (Exception e) {
            reject("ignored a malformed '" + type + "' message from the gateway: " + e.getMessage());
        }
    }

    private void receiveMap(WebSocket webSocket, String text) {
        VerifiedMaps.Outcome outcome = verifiedMaps.receive(text);
        if (outcome instanceof VerifiedMaps.Accepted accepted) {
            map = accepted.map();
            channels.keepOnly(accepted.map());
            listener.mapChanged(accepted.map());
        } else if (outcome instanceof VerifiedMaps.Refused refused) {
            reject(refused.reason());
            status = new ServiceStatus(status.url(), "connected", status.since(), refused.reason());
            askForFullMapIf(refused.resync(), webSocket);
        } else if (outcome instanceof VerifiedMaps.Behind behind) {
            log.info(behind.reason());
            askForFullMapIf(behind.resync(), webSocket);
        }
    }

    private static void askForFullMapIf(boolean needed, WebSocket webSocket) {
        if (needed) {
            webSocket.writeTextMessage(Wire.resync());
        }
    }

    private void openSignal(WebSocket webSocket, JsonNode message) {
        String from = message.path("from").asText("");
        String kind = message.path("kind").asText("");
        JsonNode seq = message.path("seq");
        RemotePeer peer = peerInMap(from);
        if (peer == null) {
            reject("ignored a signal from " + from + ", which is not in this device's map");
            return;
        }
        if (!seq.isIntegralNumber() || !seq.canConvertToLong()) {
            reject("ignored a '" + kind + "' signal from " + from + " without a sequence number");
            return;
        }
        SealedSignal signal = new SealedSignal(kind, seq.longValue(), message.path("nonce").asText(""),
                message.path("ciphertext").asText(""));
        PeerSignalChannel channel = channels.with(peer);
        PeerSignalChannel.Delivery delivery;
        synchronized (channel) {
            delivery = channel.receive(signal);
            delivery.replies().forEach(reply -> webSocket.writeTextMessage(Wire.signalTo(from, reply)));
        }
        if (delivery.wasRefused()) {
            reject("ignored a '" + kind + "' signal (seq " + signal.seq() + ") from " + from + ": "
                    + delivery.refusal());
        } else if (delivery.delivers()) {
            listener.signalReceived(from, delivery.kind(), delivery.payload());
        }
    }

    private void reject(String problem) {
        log.warn(problem);
        problems.add(problem);
    }

    private RemotePeer peerInMap(String peerId) {
        NetworkMap held = map;
        if (held == null) {
            return null;
        }
        return held.remotePeers().stream().filter(peer -> peer.id().equals(peerId)).findFirst().orElse(null);
    }
}
