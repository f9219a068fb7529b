package io.netloom.gateway.client;

import io.netloom.gateway.protocol.GatewayAuthorization;
import io.netloom.gateway.protocol.Wire;
import io.netloom.gateway.protocol.X25519Keys;
import io.netloom.tls.ServerTrust;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A peer's side of the gateway handshake: fetch a challenge, prove possession of the private key,
 * upgrade. Keep the instance as long as its sessions live: Vert.x closes the connections of a
 * client that is garbage-collected.
 */
public final class GatewayClient {

    private final Vertx vertx;
    private final HttpClient http;
    private final WebSocketClient sockets;

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
        HttpClientOptions httpOptions = new HttpClientOptions().setVerifyHost(trust.verifiesHostName())
                .setTrustOptions(trust.vertxTrustOptions());
        WebSocketClientOptions socketOptions = new WebSocketClientOptions().setVerifyHost(trust.verifiesHostName())
                .setTrustOptions(trust.vertxTrustOptions()).setClosingTimeout(2).setMaxConnections(maxSessions)
                .setMaxFrameSize(1 << 20).setMaxMessageSize(64 << 20);
        this.http = vertx.createHttpClient(httpOptions, new PoolOptions().setHttp1MaxSize(64));
        this.sockets = vertx.createWebSocketClient(socketOptions);
    }

    public Future<String> challenge(URI gateway) {
        return onEventLoop(() -> http.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(gateway.getHost())
                        .setPort(gateway.getPort()).setURI(Wire.CHALLENGE_PATH).setSsl(isTls(gateway)))
                .compose(request -> request.send())
                .compose(response -> response.statusCode() == 200 ? response.body()
                        : Future.failedFuture("challenge answered " + response.statusCode()))
                .compose(body -> {
                    try {
                        return Future.succeededFuture(Wire.read(body.toString()).get("nonce").asText());
                    } catch (Exception e) {
                        return Future.failedFuture(e);
                    }
                }));
    }

    /**
     * Connects as the holder of {@code keys}; {@code serial} negative means no map is held yet.
     * {@code setup} runs as the upgrade completes, before the first message can arrive: install
     * the message handlers there.
     */
    public Future<WebSocket> connect(URI gateway, X25519Keys keys, byte[] gatewayPublicKey, long serial,
            String daemonVersion, Consumer<WebSocket> setup) {
        return challenge(gateway).compose(nonce -> connectWith(gateway,
                GatewayAuthorization.prove(keys, gatewayPublicKey, nonce).headerValue(), serial, daemonVersion, setup));
    }

    /** Upgrades with a ready-made {@code Authorization} header (tests use this to present bad ones). */
    public Future<WebSocket> connectWith(URI gateway, String authorization, long serial, String daemonVersion,
            Consumer<WebSocket> setup) {
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(gateway.getHost()).setPort(gateway.getPort()).setSsl(isTls(gateway))
                .setURI(Wire.PEER_PATH + (serial >= 0 ? "?" + Wire.SERIAL_PARAMETER + "=" + serial : ""))
                .addHeader("Authorization", authorization)
                .addHeader(Wire.DAEMON_VERSION_HEADER, daemonVersion);
        return onEventLoop(() -> sockets.connect(options).map(socket -> {
            setup.accept(socket);
            return socket;
        }));
    }

    /**
     * Starts the operation on an event loop. Callbacks added from another thread to a future that has
     * already completed run on that thread, later than the event loop may deliver data: a response
     * body or first messages would be lost. On the event loop, every callback is in place in time.
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
