package io.netloom.gateway;

import java.time.Duration;

/** Gateway settings for tests: the defaults on loopback and any free port, with one limit changed. */
final class TestConfigs {

    private static final GatewayConfig DEFAULTS = GatewayConfig.defaults("127.0.0.1", 0);

    private TestConfigs() {
    }

    static GatewayConfig defaults() {
        return DEFAULTS;
    }

    /** The defaults, speaking TLS with {@code certificate}. */
    static GatewayConfig tls(ServerCertificate certificate) {
        return new GatewayConfig(DEFAULTS.host(), DEFAULTS.port(), DEFAULTS.maxFrameBytes(), DEFAULTS.messagesPerSecond(),
                DEFAULTS.messageBurst(), DEFAULTS.connectionsPerSecond(), DEFAULTS.connectionBurst(),
                DEFAULTS.heartbeatInterval(), DEFAULTS.idleTimeout(), DEFAULTS.signInTimeout(),
                DEFAULTS.mapQueueBytes(), DEFAULTS.writeQueueBytes(), certificate);
    }

    static GatewayConfig queues(int mapQueueBytes, int writeQueueBytes) {
        return with(DEFAULTS.messagesPerSecond(), DEFAULTS.messageBurst(), DEFAULTS.connectionsPerSecond(),
                DEFAULTS.connectionBurst(), DEFAULTS.heartbeatInterval(), DEFAULTS.idleTimeout(), mapQueueBytes,
                writeQueueBytes);
    }

    static GatewayConfig messageRate(int perSecond, int burst) {
        return with(perSecond, burst, DEFAULTS.connectionsPerSecond(), DEFAULTS.connectionBurst(),
                DEFAULTS.heartbeatInterval(), DEFAULTS.idleTimeout(), DEFAULTS.mapQueueBytes(),
                DEFAULTS.writeQueueBytes());
    }

    static GatewayConfig connectionRate(int perSecond, int burst) {
        return with(DEFAULTS.messagesPerSecond(), DEFAULTS.messageBurst(), perSecond, burst,
                DEFAULTS.heartbeatInterval(), DEFAULTS.idleTimeout(), DEFAULTS.mapQueueBytes(),
                DEFAULTS.writeQueueBytes());
    }

    static GatewayConfig heartbeat(Duration interval, Duration idleTimeout) {
        return with(DEFAULTS.messagesPerSecond(), DEFAULTS.messageBurst(), DEFAULTS.connectionsPerSecond(),
                DEFAULTS.connectionBurst(), interval, idleTimeout, DEFAULTS.mapQueueBytes(),
                DEFAULTS.writeQueueBytes());
    }

    static GatewayConfig signInTimeout(Duration timeout) {
        return new GatewayConfig(DEFAULTS.host(), DEFAULTS.port(), DEFAULTS.maxFrameBytes(), DEFAULTS.messagesPerSecond(),
                DEFAULTS.messageBurst(), DEFAULTS.connectionsPerSecond(), DEFAULTS.connectionBurst(),
                DEFAULTS.heartbeatInterval(), DEFAULTS.idleTimeout(), timeout, DEFAULTS.mapQueueBytes(),
                DEFAULTS.writeQueueBytes(), null);
    }

    private static GatewayConfig with(int messagesPerSecond, int messageBurst, int connectionsPerSecond,
            int connectionBurst, Duration heartbeatInterval, Duration idleTimeout, int mapQueueBytes,
            int writeQueueBytes) {
        return new GatewayConfig(DEFAULTS.host(), DEFAULTS.port(), DEFAULTS.maxFrameBytes(), messagesPerSecond,
                messageBurst, connectionsPerSecond, connectionBurst, heartbeatInterval, idleTimeout,
                DEFAULTS.signInTimeout(), mapQueueBytes, writeQueueBytes, null);
    }
}
