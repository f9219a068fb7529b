package io.netloom.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.netloom.gateway.client.GatewayClient;
import io.netloom.gateway.client.SignInRefusedException;
import io.netloom.gateway.protocol.ChannelBinding;
import io.netloom.gateway.protocol.GatewaySignIn;
import io.netloom.gateway.protocol.SignedMapEnvelope;
import io.netloom.gateway.protocol.Wire;
import io.netloom.gateway.protocol.X25519Keys;
import io.netloom.gateway.tls.TlsChannels;
import io.netloom.tls.ServerTrust;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A peer's side of the protocol, as a test drives it: either the whole sign-in as the daemon does it
 * ({@link #connect}), or a bare upgrade ({@link #open}) after which the test reads the challenge and
 * sends whatever sign-in it wants to try; messages land in a queue. Every map and delta is checked as
 * it arrives: it must be signed for this peer, as a daemon checks it.
 */
final class TestClient {

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

    /** What this peer's maps must be signed with, and for whom. */
    record SignedBy(byte[] publicKey, SignedMapEnvelope.Recipient recipient) {
    }

    /** {@code signedBy} null: the test expects no map (the peer is refused). */
    TestClient(Vertx vertx, URI gateway, ServerTrust trust, byte[] gatewayPublicKey, X25519Keys keys,
            SignedBy signedBy) {
        this.client = new GatewayClient(vertx, 4, trust);
        this.gateway = gateway;
        this.gatewayPublicKey = gatewayPublicKey;
        this.keys = keys;
        this.signedBy = signedBy;
    }

    /** Signs in as the daemon does; {@code serial} negative means "no map is held yet". */
    TestClient connect(long serial) {
        return connect(serial, null);
    }

    /** Signs in holding the map at {@code serial} of {@code model} (ADR 0057; {@code null}: a daemon before models). */
    TestClient connect(long serial, String model) {
        socket = await(client.connect(gateway, keys, gatewayPublicKey, serial, model, "test-1.0", null,
                (GatewayClient.Admitted) (connected, features) -> listen(connected)));
        return this;
    }

    /** The close code the gateway refuses a daemon-style sign-in with. */
    short refusedSignIn() {
        try {
            connect(-1);
        } catch (AssertionError e) {
            if (e.getCause() instanceof ExecutionException execution
                    && execution.getCause() instanceof SignInRefusedException refused) {
                return refused.code();
            }
            throw e;
        }
        throw new AssertionError("the sign-in was accepted");
    }

    /** Upgrades without signing in: the gateway's challenge is the first message received. */
    TestClient open() {
        socket = await(client.upgrade(gateway, this::listen));
        return this;
    }

    /** After {@link #open}: the challenge on this connection, as this end sees the connection. */
    GatewaySignIn challenge() {
        return new GatewaySignIn(nonce(), binding());
    }

    /** After {@link #open}: the nonce of the gateway's challenge. */
    byte[] nonce() {
        JsonNode challenge = next();
        if (!challenge.path("type").asText().equals("challenge")) {
            throw new AssertionError("expected a challenge, got " + challenge);
        }
        return Base64.getDecoder().decode(challenge.get("nonce").asText());
    }

    ChannelBinding binding() {
        return TlsChannels.bindingOf(socket);
    }

    /** The sign_in message proving {@code signIn} with these keys towards {@code gatewayKey}. */
    String signInFor(GatewaySignIn signIn, X25519Keys as, byte[] gatewayKey) {
        return Wire.signIn(as.publicKeyBase64(), signIn.peerProof(as, gatewayKey), -1, "test-1.0");
    }

    /** The sign_in message a well-behaved peer asking for {@code extraDnsLabels} sends for {@code signIn}. */
    String signInFor(GatewaySignIn signIn, List<String> extraDnsLabels) {
        return Wire.signIn(keys.publicKeyBase64(), signIn.peerProof(keys, gatewayPublicKey), -1, "test-1.0",
                extraDnsLabels);
    }

    /** The sign_in message a well-behaved peer sends for {@code signIn}. */
    String signInFor(GatewaySignIn signIn) {
        return signInFor(signIn, keys, gatewayPublicKey);
    }

    /** The HTTP status an upgrade was refused with before any WebSocket existed. */
    int refusedUpgradeStatus() {
        try {
            open();
        } catch (AssertionError e) {
            if (e.getCause() instanceof ExecutionException execution
                    && execution.getCause() instanceof UpgradeRejectedException rejected) {
                return rejected.getStatus();
            }
            throw e;
        }
        throw new AssertionError("the upgrade was accepted");
    }

    private void listen(WebSocket connected) {
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
