package io.netloom.daemon.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.netloom.daemon.testing.LoopbackCertificate;
import io.netloom.gateway.protocol.GatewaySignIn;
import io.netloom.gateway.protocol.Wire;
import io.netloom.gateway.protocol.X25519Keys;
import io.netloom.gateway.tls.BouncyCastleTlsEngine;
import io.netloom.gateway.tls.TlsChannels;
import io.netloom.tls.ServerTrust;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.KeyCertOptions;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A gateway in an attacker's hands, for tests of the daemon's side: it holds the gateway key and the certificate the
 * daemon pinned, so it signs the daemon in as the real gateway does (challenge, the proof checked against its key
 * and this TLS connection's binding, welcome), sends the map it was given, and then delivers exactly the frames the
 * test hands it, replays included. What the daemon sends arrives in {@link #nextSignal()}.
 */
final class HostileGateway implements AutoCloseable {

    private static final long PATIENCE_SECONDS = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    final X25519Keys keys = X25519Keys.generate();
    private final LoopbackCertificate certificate = LoopbackCertificate.generate();
    private final String mapMessage;
    private final Set<String> features;
    private final HttpServer server;
    private final CompletableFuture<ServerWebSocket> session = new CompletableFuture<>();
    private final LinkedBlockingQueue<JsonNode> fromDaemon = new LinkedBlockingQueue<>();

    HostileGateway(Vertx vertx, String mapMessage) throws Exception {
        this(vertx, mapMessage, Set.of());
    }

    /** A gateway whose welcome names {@code features}: the optional messages it takes from the daemon. */
    HostileGateway(Vertx vertx, String mapMessage, Set<String> features) throws Exception {
        this.mapMessage = mapMessage;
        this.features = features;
        HttpServerOptions options = new HttpServerOptions().setSsl(true).setSslEngineOptions(new BouncyCastleTlsEngine())
                .setKeyCertOptions(KeyCertOptions.wrap(certificate.keyManagers()));
        this.server = vertx.createHttpServer(options).webSocketHandler(this::signIn).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(PATIENCE_SECONDS, TimeUnit.SECONDS);
    }

    URI url() {
        return URI.create("wss://127.0.0.1:" + server.actualPort() + Wire.PEER_PATH);
    }

    /** What the daemon trusts: this gateway's certificate, pinned as enrollment would have it pinned. */
    ServerTrust trust() {
        return certificate.pinned();
    }

    /** Writes {@code frame} to the daemon as it is. */
    void deliver(String frame) throws Exception {
        session.get(PATIENCE_SECONDS, TimeUnit.SECONDS).writeTextMessage(frame)
                .toCompletionStage().toCompletableFuture().get(PATIENCE_SECONDS, TimeUnit.SECONDS);
    }

    /** The next signal the daemon sent, in the order it sent them. */
    JsonNode nextSignal() throws InterruptedException {
        return nextOfType("signal");
    }

    /** The next message of {@code type} the daemon sent, skipping others. */
    JsonNode nextOfType(String type) throws InterruptedException {
        while (true) {
            JsonNode message = fromDaemon.poll(PATIENCE_SECONDS, TimeUnit.SECONDS);
            if (message == null) {
                throw new AssertionError("the daemon sent no " + type + " within " + PATIENCE_SECONDS + " s");
            }
            if (message.path("type").asText().equals(type)) {
                return message;
            }
        }
    }

    /** The gateway's side of docs/protocol.md §1, on this connection's own channel binding. */
    private void signIn(ServerWebSocket socket) {
        if (!socket.path().equals(Wire.PEER_PATH)) {
            socket.close((short) 4400, "not the peer path");
            return;
        }
        byte[] nonce = new byte[GatewaySignIn.NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        GatewaySignIn challenge = new GatewaySignIn(nonce, TlsChannels.bindingOf(socket));
        socket.textMessageHandler(text -> {
            JsonNode message = read(text);
            if (session.isDone()) {
                fromDaemon.add(message);
                return;
            }
            byte[] peerKey = X25519Keys.decodePublicKey(message.path("key").asText());
            if (!message.path("type").asText().equals("sign_in") || !challenge.isPeerProof(keys, peerKey,
                    Base64.getDecoder().decode(message.path("proof").asText()))) {
                socket.close((short) 4401, "the proof does not hold");
                return;
            }
            socket.writeTextMessage(Wire.welcome(challenge.gatewayProof(keys, peerKey), features));
            socket.writeTextMessage(mapMessage);
            session.complete(socket);
        });
        socket.writeTextMessage(Wire.challenge(nonce));
    }

    private static JsonNode read(String text) {
        try {
            return Wire.read(text);
        } catch (Exception e) {
            throw new AssertionError("the daemon sent invalid JSON: " + text, e);
        }
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(PATIENCE_SECONDS, TimeUnit.SECONDS);
    }
}
