package io.netloom.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.gateway.client.GatewayWatchdog;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The peer's side of the heartbeat, against a real server that stops reading (a hung gateway). */
@ExtendWith(VertxExtension.class)
class GatewayWatchdogTest {

    @Test
    void watchdogWhenGatewayStopsAnsweringPingsThenSessionClosedWithReason(Vertx vertx) throws Exception {
        HttpServer hung = TestClient.await(vertx.createHttpServer()
                .requestHandler(request -> request.toWebSocket().onSuccess(socket -> socket.pause()))
                .listen(0, "127.0.0.1"));
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setClosingTimeout(1));
        CompletableFuture<Short> closed = new CompletableFuture<>();
        WebSocket socket = TestClient.await(client.connect(hung.actualPort(), "127.0.0.1", "/").map(connected -> {
            connected.closeHandler(ignored -> closed.complete(connected.closeStatusCode()));
            return connected;
        }));

        GatewayWatchdog.watch(vertx, socket, Duration.ofMillis(50), Duration.ofMillis(300));

        closed.get(10, TimeUnit.SECONDS);
        assertThat(socket.isClosed()).isTrue();
    }

    @Test
    void confirmWithinWhenTheGatewayDoesNotAnswerTheExtraPingThenSessionClosedBeforeTheNextHeartbeat(Vertx vertx)
            throws Exception {
        // Accepts the upgrade, then reads nothing and answers nothing, not even pings: a connection that died.
        NetServer silent = TestClient.await(vertx.createNetServer().connectHandler(connection -> connection.handler(
                request -> connection.write(upgraded(request.toString(StandardCharsets.ISO_8859_1)))
                        .onComplete(written -> connection.handler(ignored -> { }))))
                .listen(0, "127.0.0.1"));
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setClosingTimeout(1));
        CompletableFuture<Void> closed = new CompletableFuture<>();
        WebSocket socket = TestClient.await(client.connect(silent.actualPort(), "127.0.0.1", "/").map(connected -> {
            connected.closeHandler(ignored -> closed.complete(null));
            return connected;
        }));
        GatewayWatchdog watchdog = GatewayWatchdog.watch(vertx, socket, Duration.ofMinutes(10), Duration.ofMinutes(30));

        watchdog.confirmWithin(Duration.ofMillis(300));

        closed.get(10, TimeUnit.SECONDS);
        assertThat(socket.isClosed()).as("closed long before the 30 min heartbeat timeout").isTrue();
    }

    @Test
    void watchdogWhenGatewayAnswersPingsThenSessionKept(Vertx vertx) throws Exception {
        HttpServer alive = TestClient.await(vertx.createHttpServer()
                .requestHandler(request -> request.toWebSocket())
                .listen(0, "127.0.0.1"));
        WebSocketClient client = vertx.createWebSocketClient();
        WebSocket socket = TestClient.await(client.connect(alive.actualPort(), "127.0.0.1", "/"));

        GatewayWatchdog.watch(vertx, socket, Duration.ofMillis(50), Duration.ofMillis(1_000));
        Thread.sleep(2_500);

        assertThat(socket.isClosed()).isFalse();
        client.close();
    }

    /** The server's half of RFC 6455's opening handshake, for the request {@code request}. */
    private static String upgraded(String request) {
        Matcher key = Pattern.compile("(?i)sec-websocket-key:\\s*(\\S+)").matcher(request);
        if (!key.find()) {
            throw new IllegalStateException("no Sec-WebSocket-Key in " + request);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key.group(1)
                    + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.ISO_8859_1));
            return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + Base64.getEncoder().encodeToString(digest) + "\r\n\r\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
