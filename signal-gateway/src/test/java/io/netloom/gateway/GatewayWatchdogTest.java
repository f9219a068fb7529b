package io.netloom.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.gateway.client.GatewayWatchdog;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
}
