package io.netloom.gateway.client;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The peer's half of the heartbeat: pings the gateway every {@code interval} and closes the session
 * when no pong or message has arrived for {@code timeout}, so a daemon notices a dead gateway (or a
 * dead path to it) and reconnects instead of waiting on a silent socket. Message handlers must call
 * {@link #heard()}.
 */
public final class GatewayWatchdog {

    /** Close code the peer uses when it gives up on a silent gateway. */
    public static final short GATEWAY_SILENT = 4408;

    private final Vertx vertx;
    private final WebSocket socket;
    private final Duration timeout;
    private final AtomicBoolean confirming = new AtomicBoolean();
    private volatile long lastHeardNanos = System.nanoTime();

    private GatewayWatchdog(Vertx vertx, WebSocket socket, Duration timeout) {
        this.vertx = vertx;
        this.socket = socket;
        this.timeout = timeout;
    }

    public static GatewayWatchdog watch(Vertx vertx, WebSocket socket, Duration interval, Duration timeout) {
        GatewayWatchdog watchdog = new GatewayWatchdog(vertx, socket, timeout);
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

    /**
     * Pings the gateway now and closes the session unless something arrives within {@code within}: for when the
     * daemon has reason to doubt the connection (a path went quiet, as when the device's public address changed)
     * and cannot wait for the next heartbeat. A connection that is gone fails the ping at once when the far end
     * resets it. One check at a time; calls while one runs are absorbed by it.
     */
    public void confirmWithin(Duration within) {
        if (!confirming.compareAndSet(false, true)) {
            return;
        }
        long askedNanos = System.nanoTime();
        socket.writePing(Buffer.buffer("hb"));
        vertx.setTimer(Math.max(1, within.toMillis()), timer -> {
            confirming.set(false);
            if (lastHeardNanos - askedNanos < 0 && !socket.isClosed()) {
                socket.close(GATEWAY_SILENT, "no answer from the gateway within " + within.toMillis()
                        + " ms of a ping");
            }
        });
    }

    private void check() {
        if (System.nanoTime() - lastHeardNanos > timeout.toNanos()) {
            socket.close(GATEWAY_SILENT, "no heartbeat from the gateway for " + timeout.toMillis() + " ms");
        } else {
            socket.writePing(Buffer.buffer("hb"));
        }
    }
}
