package io.netloom.gateway.client;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import java.time.Duration;

/**
 * The peer's half of the heartbeat: pings the gateway every {@code interval} and closes the session
 * when no pong or message has arrived for {@code timeout}, so a daemon notices a dead gateway (or a
 * dead path to it) and reconnects instead of waiting on a silent socket. Message handlers must call
 * {@link #heard()}.
 */
public final class GatewayWatchdog {

    /** Close code the peer uses when it gives up on a silent gateway. */
    public static final short GATEWAY_SILENT = 4408;

    private final WebSocket socket;
    private final Duration timeout;
    private volatile long lastHeardNanos = System.nanoTime();

    private GatewayWatchdog(WebSocket socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
    }

    public static GatewayWatchdog watch(Vertx vertx, WebSocket socket, Duration interval, Duration timeout) {
        GatewayWatchdog watchdog = new GatewayWatchdog(socket, timeout);
        socket.pongHandler(pong -> watchdog.heard());
        vertx.setPeriodic(interval.toMillis(), timer -> {
            if (socket.isClosed()) {
                vertx.cancelTimer(timer);
            } else {
                watchdog.check();
            }
        });
        return watchdog;
    }

    public void heard() {
        lastHeardNanos = System.nanoTime();
    }

    private void check() {
        if (System.nanoTime() - lastHeardNanos > timeout.toNanos()) {
            socket.close(GATEWAY_SILENT, "no heartbeat from the gateway for " + timeout.toMillis() + " ms");
        } else {
            socket.writePing(Buffer.buffer("hb"));
        }
    }
}
