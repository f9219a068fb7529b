package io.netloom.gateway;

import java.time.Duration;

/**
 * @param maxFrameBytes the largest WebSocket frame or message a peer may send
 * @param messagesPerSecond sustained messages a session may send; {@code messageBurst} above that briefly
 * @param connectionsPerSecond sustained upgrades per source address; {@code connectionBurst} briefly
 * @param heartbeatInterval how often the gateway pings; a session silent for {@code idleTimeout} is closed
 * @param signInTimeout how long a new connection has to answer the challenge with a valid sign-in
 * @param mapQueueBytes signed map messages queued per session, in bytes, before the peer gets a freshly
 *     signed full map instead
 * @param writeQueueBytes outbound bytes buffered per session before the session counts as slow
 * @param certificate what the gateway presents in TLS (wss://); null: plain WebSocket (ws://)
 */
public record GatewayConfig(
        String host,
        int port,
        int maxFrameBytes,
        int messagesPerSecond,
        int messageBurst,
        int connectionsPerSecond,
        int connectionBurst,
        Duration heartbeatInterval,
        Duration idleTimeout,
        Duration signInTimeout,
        int mapQueueBytes,
        int writeQueueBytes,
        ServerCertificate certificate) {

    public static GatewayConfig defaults(String host, int port) {
        return new GatewayConfig(host, port, 64 * 1024, 20, 100, 20, 100, Duration.ofSeconds(15),
                Duration.ofSeconds(45), Duration.ofSeconds(10), 64 * 1024, 256 * 1024, null);
    }

    public boolean usesTls() {
        return certificate != null;
    }
}
