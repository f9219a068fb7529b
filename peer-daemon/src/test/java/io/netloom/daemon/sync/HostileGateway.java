package io.netloom.daemon.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.netloom.gateway.protocol.GatewayAuthorization;
import io.netloom.gateway.protocol.Wire;
import io.netloom.gateway.protocol.X25519Keys;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A gateway in an attacker's hands, for tests of the daemon's side: it signs the daemon in as the real gateway does
 * (challenge, then the proof checked against its key), sends the map it was given, and then delivers exactly the
 * frames the test hands it, replays included. What the daemon sends arrives in {@link #nextSignal()}.
 */
final class HostileGateway implements AutoCloseable {

    private static final long PATIENCE_SECONDS = 20;

    final X25519Keys keys = X25519Keys.generate();
    private final String mapMessage;
    private final HttpServer server;
    private final CompletableFuture<ServerWebSocket> session = new CompletableFuture<>();
    private final LinkedBlockingQueue<JsonNode> fromDaemon = new LinkedBlockingQueue<>();

    HostileGateway(Vertx vertx, String mapMessage) throws Exception {
        this.mapMessage = mapMessage;
        this.server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(PATIENCE_SECONDS, TimeUnit.SECONDS);
    }

    URI url() {
        return URI.create("ws://127.0.0.1:" + server.actualPort() + Wire.PEER_PATH);
    }

    /** Writes {@code frame} to the daemon as it is. */
    void deliver(String frame) throws Exception {
        session.get(PATIENCE_SECONDS, TimeUnit.SECONDS).writeTextMessage(frame)
                .toCompletionStage().toCompletableFuture().get(PATIENCE_SECONDS, TimeUnit.SECONDS);
    }

    /** The next signal the daemon sent, in the order it sent them. */
    JsonNode nextSignal() throws InterruptedException {
        while (true) {
            JsonNode message = fromDaemon.poll(PATIENCE_SECONDS, TimeUnit.SECONDS);
            if (message == null) {
                throw new AssertionError("the daemon sent no signal within " + PATIENCE_SECONDS + " s");
            }
            if (message.path("type").asText().equals("signal")) {
                return message;
            }
        }
    }

    private void handle(HttpServerRequest request) {
        if (request.path().equals(Wire.CHALLENGE_PATH)) {
            request.response().putHeader("Content-Type", "application/json").end("{\"nonce\":\"test-nonce\"}");
            return;
        }
        if (!request.path().equals(Wire.PEER_PATH) || !provenBy(request.getHeader("Authorization"))) {
            request.response().setStatusCode(401).end();
            return;
        }
        request.toWebSocket().onSuccess(socket -> {
            socket.textMessageHandler(text -> {
                try {
                    fromDaemon.add(Wire.read(text));
                } catch (Exception e) {
                    throw new AssertionError("the daemon sent invalid JSON: " + text, e);
                }
            });
            socket.writeTextMessage(mapMessage);
            session.complete(socket);
        });
    }

    private boolean provenBy(String authorization) {
        try {
            return GatewayAuthorization.parse(authorization).isProvenBy(keys);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(PATIENCE_SECONDS, TimeUnit.SECONDS);
    }
}
