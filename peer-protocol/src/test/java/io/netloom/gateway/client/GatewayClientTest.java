package io.netloom.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.netloom.gateway.client.Futures.await;
import static io.netloom.gateway.client.Futures.read;

import com.fasterxml.jackson.databind.JsonNode;
import io.netloom.gateway.protocol.ChannelBinding;
import io.netloom.gateway.protocol.GatewaySignIn;
import io.netloom.gateway.protocol.Wire;
import io.netloom.gateway.protocol.X25519Keys;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The peer's side of the sign-in against scripted gateways: it answers the challenge, trusts only a
 * welcome that proves the gateway key on this connection, and hands over the socket before the first
 * map, so nothing sent right after the welcome is lost.
 */
@ExtendWith(VertxExtension.class)
class GatewayClientTest {

    private final X25519Keys gateway = X25519Keys.generate();
    private final X25519Keys peer = X25519Keys.generate();
    /** Held while the test runs: Vert.x closes the connections of clients that are garbage-collected. */
    private final java.util.List<GatewayClient> clients = new java.util.ArrayList<>();

    private GatewayClient client(Vertx vertx) {
        GatewayClient client = new GatewayClient(vertx, 1);
        clients.add(client);
        return client;
    }

    @Test
    void connectWhenGatewayProvesItsKeyThenAdmittedAndFirstMapReachesTheSetupHandlers(Vertx vertx) throws Exception {
        URI url = fakeGateway(vertx, (socket, signIn) -> {
            socket.writeTextMessage(Wire.welcome(signIn.gatewayProof(gateway, peer.publicKey())));
            socket.writeTextMessage("{\"type\":\"map\"}");
        });
        LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();

        await(client(vertx).connect(url, peer, gateway.publicKey(), 7, "test",
                socket -> socket.textMessageHandler(messages::add)));

        assertThat(messages.poll(10, TimeUnit.SECONDS)).isEqualTo("{\"type\":\"map\"}");
    }

    @Test
    void connectWhenWelcomeNamesFeaturesThenSetupLearnsThem(Vertx vertx) throws Exception {
        URI url = fakeGateway(vertx, (socket, signIn) -> socket.writeTextMessage(
                Wire.welcome(signIn.gatewayProof(gateway, peer.publicKey()), java.util.Set.of("paths"))));
        CompletableFuture<java.util.Set<String>> features = new CompletableFuture<>();

        await(client(vertx).connect(url, peer, gateway.publicKey(), -1, "test",
                (GatewayClient.Admitted) (socket, named) -> features.complete(named)));

        assertThat(features.get(10, TimeUnit.SECONDS)).containsExactly("paths");
    }

    @Test
    void connectWhenWelcomeNamesNoFeaturesOrJunkThenNone(Vertx vertx) throws Exception {
        for (String welcomeTail : java.util.List.of("", ",\"features\":\"paths\"", ",\"features\":[\"paths\",5]",
                ",\"features\":[" + "\"x\",".repeat(40) + "\"paths\"]")) {
            URI url = fakeGateway(vertx, (socket, signIn) -> socket.writeTextMessage(
                    Wire.welcome(signIn.gatewayProof(gateway, peer.publicKey())).replace("}", welcomeTail + "}")));
            CompletableFuture<java.util.Set<String>> features = new CompletableFuture<>();

            await(client(vertx).connect(url, peer, gateway.publicKey(), -1, "test",
                    (GatewayClient.Admitted) (socket, named) -> features.complete(named)));

            assertThat(features.get(10, TimeUnit.SECONDS)).as(welcomeTail).isEmpty();
        }
    }

    @Test
    void connectWhenWelcomeDoesNotProveTheGatewayKeyThenRefusedAndClosed(Vertx vertx) throws Exception {
        X25519Keys impostor = X25519Keys.generate();
        CompletableFuture<Short> closed = new CompletableFuture<>();
        URI url = fakeGateway(vertx, (socket, signIn) -> {
            socket.closeHandler(ignored -> closed.complete(socket.closeStatusCode()));
            socket.writeTextMessage(Wire.welcome(signIn.gatewayProof(impostor, peer.publicKey())));
        });

        assertThatThrownBy(() -> await(client(vertx).connect(url, peer, gateway.publicKey(), -1, "test",
                socket -> { }))).hasStackTraceContaining("did not prove the gateway key");
        assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo(SignInExchange.NOT_THE_GATEWAY);
    }

    @Test
    void connectWhenGatewayRefusesThenCloseCodeAndReasonReported(Vertx vertx) throws Exception {
        URI url = fakeGateway(vertx, (socket, signIn) -> socket.close((short) 4403, "no peer is enrolled with this key"));

        assertThatThrownBy(() -> await(client(vertx).connect(url, peer, gateway.publicKey(), -1, "test",
                socket -> { }))).cause().isInstanceOfSatisfying(SignInRefusedException.class, refused -> {
                    assertThat(refused.code()).isEqualTo((short) 4403);
                    assertThat(refused.reason()).isEqualTo("no peer is enrolled with this key");
                });
    }

    @Test
    void connectWhenGatewaySendsAMapBeforeTheWelcomeThenRefused(Vertx vertx) {
        URI url = fakeGateway(vertx, (socket, signIn) -> socket.writeTextMessage("{\"type\":\"map\"}"));

        assertThatThrownBy(() -> await(client(vertx).connect(url, peer, gateway.publicKey(), -1, "test",
                socket -> { }))).hasStackTraceContaining("sent 'map' during sign-in");
    }

    @Test
    void connectWhenGatewaySendsTurnCredentialsBeforeTheWelcomeThenRefusedAndNeverHandedOn(Vertx vertx) {
        URI url = fakeGateway(vertx, (socket, signIn) -> socket.writeTextMessage("{\"type\":\"turn_credentials\","
                + "\"valid_for_seconds\":30,\"turn\":[{\"uri\":\"turn:203.0.113.1\",\"username\":\"u\","
                + "\"password\":\"p\",\"expires_at\":\"2026-12-04T10:00:00Z\"}]}"));
        AtomicBoolean attached = new AtomicBoolean();

        assertThatThrownBy(() -> await(client(vertx).connect(url, peer, gateway.publicKey(), -1, "test",
                socket -> attached.set(true)))).hasStackTraceContaining("sent 'turn_credentials' during sign-in");
        assertThat(attached).isFalse();
    }

    /** A gateway that challenges, checks the peer's proof and sign-in fields, then does what the test says. */
    private URI fakeGateway(Vertx vertx, BiConsumer<ServerWebSocket, GatewaySignIn> afterSignIn) {
        int port = await(vertx.createHttpServer().webSocketHandler(socket -> {
            byte[] nonce = new byte[GatewaySignIn.NONCE_BYTES];
            new SecureRandom().nextBytes(nonce);
            GatewaySignIn signIn = new GatewaySignIn(nonce, ChannelBinding.unbound());
            socket.textMessageHandler(text -> {
                JsonNode message = read(text);
                boolean valid = message.path("type").asText().equals("sign_in")
                        && signIn.isPeerProof(gateway, X25519Keys.decodePublicKey(message.path("key").asText()),
                                Base64.getDecoder().decode(message.path("proof").asText()));
                if (valid) {
                    afterSignIn.accept(socket, signIn);
                } else {
                    socket.close((short) 4401, "bad proof");
                }
            });
            socket.writeTextMessage(Wire.challenge(nonce));
        }).listen(0, "127.0.0.1")).actualPort();
        return URI.create("ws://127.0.0.1:" + port + Wire.PEER_PATH);
    }


}
