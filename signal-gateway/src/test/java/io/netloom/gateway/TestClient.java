package io.netloom.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.netloom.gateway.client.GatewayClient;
import io.netloom.gateway.protocol.GatewayAuthorization;
import io.netloom.gateway.protocol.SignedMapEnvelope;
import io.netloom.gateway.protocol.Wire;
import io.netloom.gateway.protocol.X25519Keys;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.net.TrustOptions;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A peer's side of the protocol, as a test drives it: challenge, proof, upgrade, then messages in a
 * queue. Every map and delta is checked as it arrives: it must be signed for this peer, as a daemon
 * checks it.
 */
final class TestClient {

    /** The account key and recipient a peer's map messages must be signed with and for. */
    record SignedBy(byte[] publicKey, SignedMapEnvelope.Recipient recipient) {
    }

    static final Duration PATIENCE = Duration.ofSeconds(10);

    final X25519Keys keys;
    final LinkedBlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    final CompletableFuture<Short> closeCode = new CompletableFuture<>();
    WebSocket socket;
    private final GatewayClient client;
    private final URI gateway;
    private final byte[] gatewayPublicKey;
    private final SignedBy signedBy;
    private final List<String> badlySigned = new CopyOnWriteArrayList<>();

    /** {@code signedBy} null: the test expects no map (the peer is refused). */
    TestClient(Vertx vertx, URI gateway, TrustOptions trust, byte[] gatewayPublicKey, X25519Keys keys,
            SignedBy signedBy) {
        this.client = new GatewayClient(vertx, 4, trust);
        this.gateway = gateway;
        this.gatewayPublicKey = gatewayPublicKey;
        this.keys = keys;
        this.signedBy = signedBy;
    }

    String challenge() {
        return await(client.challenge(gateway));
    }

    /** Connects with a fresh challenge; {@code serial} negative means "no map is held yet". */
    TestClient connect(long serial) {
        return connectWith(GatewayAuthorization.prove(keys, gatewayPublicKey, challenge()).headerValue(), serial);
    }

    TestClient connectWith(String authorization, long serial) {
        socket = await(client.connectWith(gateway, authorization, serial, "test-1.0", connected -> {
            connected.textMessageHandler(text -> {
                try {
                    JsonNode message = Wire.read(text);
                    checkSignature(message.path("type").asText(), text);
                    received.add(message);
                } catch (Exception e) {
                    throw new AssertionError("gateway sent invalid JSON: " + text, e);
                }
            });
            connected.closeHandler(ignored -> closeCode.complete(connected.closeStatusCode()));
        }));
        return this;
    }

    /** The HTTP status a refused upgrade was answered with. */
    int refusedStatus(String authorization) {
        try {
            connectWith(authorization, -1);
        } catch (AssertionError e) {
            if (e.getCause() instanceof java.util.concurrent.ExecutionException execution
                    && execution.getCause() instanceof io.vertx.core.http.UpgradeRejectedException rejected) {
                return rejected.getStatus();
            }
            throw e;
        }
        throw new AssertionError("the upgrade was accepted");
    }

    void send(String text) {
        await(socket.writeTextMessage(text));
    }

    private void checkSignature(String type, String text) {
        if (!type.equals("map") && !type.equals("delta")) {
            return;
        }
        try {
            if (signedBy == null || !SignedMapEnvelope.open(text).isSignedBy(signedBy.publicKey(), signedBy.recipient())) {
                badlySigned.add(text);
            }
        } catch (IllegalArgumentException e) {
            badlySigned.add(e.getMessage() + ": " + text);
        }
    }

    JsonNode next() {
        if (!badlySigned.isEmpty()) {
            throw new AssertionError("map messages not signed for this peer: " + badlySigned);
        }
        try {
            JsonNode message = received.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                throw new AssertionError("no message within " + PATIENCE);
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    JsonNode nextOfType(String type) {
        while (true) {
            JsonNode message = next();
            if (message.path("type").asText().equals(type)) {
                return message;
            }
        }
    }

    short awaitClose() {
        try {
            return closeCode.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("session was not closed", e);
        }
    }

    void close() {
        if (socket != null && !socket.isClosed()) {
            await(socket.close());
        }
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("operation failed or timed out", e);
        }
    }
}
