package io.netloom.server.testing;

import io.netloom.gateway.client.GatewayClient;
import io.netloom.gateway.protocol.SignedMapEnvelope;
import io.netloom.gateway.protocol.X25519Keys;
import io.netloom.projections.networkmap.MapDelta;
import io.netloom.projections.networkmap.NetworkMap;
import io.vertx.core.http.WebSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An enrolled device holding a gateway session, as a daemon does: it checks each map message's signature, applies
 * deltas to the map it holds, and so knows exactly what the server told it. History tests compare their answers
 * with what such devices were actually sent.
 */
public final class MapCapturingDevice {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public final String peerId;
    private final X25519Keys keys;
    private final URI gateway;
    private final byte[] gatewayKey;
    private final SignedMapEnvelope.Recipient recipient;
    private final byte[] mapSigningKey;
    private volatile NetworkMap held;
    private volatile String failure;
    private WebSocket socket;

    private MapCapturingDevice(X25519Keys keys, JsonNode configuration) {
        this.keys = keys;
        this.peerId = configuration.get("peer_id").asString();
        this.gateway = URI.create(configuration.get("gateway").get("url").asString());
        this.gatewayKey = Base64.getDecoder().decode(configuration.get("gateway").get("public_key").asString());
        this.recipient = new SignedMapEnvelope.Recipient(configuration.get("account_id").asString(), peerId);
        this.mapSigningKey = SignedMapEnvelope.decodePublicKey(
                configuration.get("map_signing").get("public_key").asString());
    }

    /** Enrolls a device with the setup key. */
    public static MapCapturingDevice enroll(NetloomApi api, String setupKey, String hostname) {
        X25519Keys keys = X25519Keys.generate();
        JsonNode configuration = TestData.ok(api.anonymous().post("/api/netloom/enroll",
                TestPeers.enrollment(setupKey, keys.publicKeyBase64(), hostname))).body();
        return new MapCapturingDevice(keys, configuration);
    }

    public void connect(GatewayClient client) throws Exception {
        socket = client.connect(gateway, keys, gatewayKey, -1, "test", connected ->
                connected.textMessageHandler(this::receive)).toCompletionStage().toCompletableFuture()
                .get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Connects to another server process's gateway than the one it enrolled through, on that gateway's key. */
    public void connect(GatewayClient client, int gatewayPort, byte[] otherGatewayKey) throws Exception {
        URI other = new URI(gateway.getScheme(), null, gateway.getHost(), gatewayPort, gateway.getPath(), null, null);
        socket = client.connect(other, keys, otherGatewayKey, -1, "test", connected ->
                connected.textMessageHandler(this::receive)).toCompletionStage().toCompletableFuture()
                .get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends a message of the peer protocol on the session, as the daemon does (a path report, say). */
    public void send(String message) throws Exception {
        socket.writeTextMessage(message).toCompletionStage().toCompletableFuture()
                .get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void close() throws Exception {
        if (socket != null && !socket.isClosed()) {
            socket.close().toCompletionStage().toCompletableFuture().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The map as the device holds it now, or null before the first one. */
    public NetworkMap map() {
        if (failure != null) {
            throw new AssertionError(peerId + ": " + failure);
        }
        return held;
    }

    /** Waits until the device holds the map at this serial (or later). */
    public NetworkMap awaitSerial(long serial) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (map() == null || map().serial() < serial) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(peerId + " never received its map at serial " + serial + "; it holds "
                        + (held == null ? "none" : held.serial()));
            }
            Thread.sleep(10);
        }
        return map();
    }

    private synchronized void receive(String message) {
        try {
            SignedMapEnvelope.Opened opened = SignedMapEnvelope.open(message);
            if (!opened.isSignedBy(mapSigningKey, recipient)) {
                failure = "a map message not signed for this device";
                return;
            }
            if (opened.kind() == SignedMapEnvelope.Kind.MAP) {
                held = JSON.readValue(opened.json(), NetworkMap.class);
            } else {
                MapDelta delta = JSON.readValue(opened.json(), MapDelta.class);
                NetworkMap base = held == null ? new NetworkMap(0, null, List.of(), List.of()) : held;
                held = delta.applyTo(base);
            }
        } catch (IllegalArgumentException notAMap) {
            // Signals and presence share the session; only maps and deltas concern the history.
        }
    }
}
