package io.netloom.gateway.client;

import io.netloom.gateway.protocol.Wire;
import io.netloom.gateway.protocol.X25519Keys;
import io.netloom.gateway.tls.BouncyCastleTlsEngine;
import io.netloom.tls.ServerTrust;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A peer's side of the gateway handshake: upgrade to a WebSocket, then sign in on it with a proof
 * bound to the connection (docs/protocol.md §1). Keep the instance as long as its sessions live:
 * Vert.x closes the connections of a client that is garbage-collected.
 */
public final class GatewayClient {

    /** How long the peer waits for the gateway's welcome after the upgrade. */
    static final Duration SIGN_IN_PATIENCE = Duration.ofSeconds(20);

    private final Vertx vertx;
    private final WebSocketClient sockets;

    /** Called once the gateway has admitted the peer, before its first map can arrive. */
    @FunctionalInterface
    public interface Admitted {

        /** @param gatewayFeatures the optional messages the gateway takes from the peer, e.g. {@code paths} */
        void accept(WebSocket socket, Set<String> gatewayFeatures);
    }

    /** A client that trusts the certificate authorities of the Java runtime, and checks host names, for wss://. */
    public GatewayClient(Vertx vertx, int maxSessions) {
        this(vertx, maxSessions, ServerTrust.certificateAuthorities());
    }

    /**
     * A client that trusts what {@code trust} decides for wss:// gateways: the certificate pinned by the
     * enrollment answer, or the certificate authorities and the host name.
     */
    public GatewayClient(Vertx vertx, int maxSessions, ServerTrust trust) {
        this.vertx = vertx;
        WebSocketClientOptions socketOptions = new WebSocketClientOptions().setVerifyHost(trust.verifiesHostName())
                .setTrustOptions(trust.vertxTrustOptions()).setSslEngineOptions(new BouncyCastleTlsEngine())
                .setClosingTimeout(2).setMaxConnections(maxSessions).setMaxFrameSize(1 << 20)
                .setMaxMessageSize(64 << 20);
        this.sockets = vertx.createWebSocketClient(socketOptions);
    }

    /**
     * Connects and signs in as the holder of {@code keys}; {@code serial} negative means no map is held
     * yet. {@code setup} runs once the gateway has admitted the peer, before its first map can arrive:
     * install the message handlers there. A refusal fails the future with {@link SignInRefusedException}.
     */
    public Future<WebSocket> connect(URI gateway, X25519Keys keys, byte[] gatewayPublicKey, long serial,
            String daemonVersion, Consumer<WebSocket> setup) {
        return connect(gateway, keys, gatewayPublicKey, serial, daemonVersion,
                (Admitted) (socket, features) -> setup.accept(socket));
    }

    /**
     * As {@link #connect(URI, X25519Keys, byte[], long, String, Consumer)}, telling {@code setup} also which optional
     * messages the gateway's welcome says it takes (docs/protocol.md §1; none from an older gateway).
     */
    public Future<WebSocket> connect(URI gateway, X25519Keys keys, byte[] gatewayPublicKey, long serial,
            String daemonVersion, Admitted setup) {
        return connect(gateway, keys, gatewayPublicKey, serial, daemonVersion, null, setup);
    }

    /**
     * As {@link #connect(URI, X25519Keys, byte[], long, String, Admitted)}, asking for {@code extraDnsLabels}
     * (docs/protocol.md §1, ADR 0046): all of the device's, none clears them, {@code null} says nothing of them. A
     * gateway that refuses them (malformed, or not allowed for this peer) fails the future with
     * {@link SignInRefusedException} and its reason.
     */
    public Future<WebSocket> connect(URI gateway, X25519Keys keys, byte[] gatewayPublicKey, long serial,
            String daemonVersion, List<String> extraDnsLabels, Admitted setup) {
        return connect(gateway, keys, gatewayPublicKey, serial, null, daemonVersion, extraDnsLabels, setup);
    }

    /**
     * As {@link #connect(URI, X25519Keys, byte[], long, String, List, Admitted)}, naming the map model the map held
     * at {@code serial} came from (docs/protocol.md §1, ADR 0057): only a gateway of the same model sends just the
     * deltas since it; {@code null} when the held map named none.
     */
    public Future<WebSocket> connect(URI gateway, X25519Keys keys, byte[] gatewayPublicKey, long serial, String model,
            String daemonVersion, List<String> extraDnsLabels, Admitted setup) {
        Promise<WebSocket> signedIn = Promise.promise();
        upgrade(gateway, socket -> SignInExchange.run(vertx, socket, keys, gatewayPublicKey, serial, model,
                daemonVersion, extraDnsLabels, setup, SIGN_IN_PATIENCE).onComplete(signedIn))
                .onFailure(signedIn::tryFail);
        return signedIn.future();
    }

    /**
     * Only the upgrade, without signing in: {@code setup} installs handlers before the gateway's
     * challenge can arrive. Tests use this to present sign-ins of their own making.
     */
    public Future<WebSocket> upgrade(URI gateway, Consumer<WebSocket> setup) {
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(gateway.getHost()).setPort(gateway.getPort()).setSsl(isTls(gateway))
                .setURI(Wire.PEER_PATH);
        return onEventLoop(() -> sockets.connect(options).map(socket -> {
            setup.accept(socket);
            return socket;
        }));
    }

    /**
     * Starts the operation on an event loop. Callbacks added from another thread to a future that has
     * already completed run on that thread, later than the event loop may deliver data: first
     * messages would be lost. On the event loop, every callback is in place in time.
     */
    private <T> Future<T> onEventLoop(Supplier<Future<T>> operation) {
        Promise<T> result = Promise.promise();
        vertx.getOrCreateContext().runOnContext(ignored -> operation.get().onComplete(result));
        return result.future();
    }

    private static boolean isTls(URI gateway) {
        return "wss".equalsIgnoreCase(gateway.getScheme());
    }
}
