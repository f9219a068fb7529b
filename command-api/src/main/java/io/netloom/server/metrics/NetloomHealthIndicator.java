package io.netloom.server.metrics;

import io.netloom.server.gateway.GatewayServer;
import io.netloom.server.readmodel.ReadModelFreshness;
import java.util.OptionalLong;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Part of the readiness probe (health contributor {@code netloom}): this process serves current maps only while its
 * gateway listens and its network maps trail the event store's head by at most {@code netloom.metrics
 * .readiness-max-lag} events. Another process may append to the same store; one that falls behind is taken out of
 * the Service until it catches up, rather than restarted (liveness stays Boot's own).
 */
@Component
public class NetloomHealthIndicator implements HealthIndicator {

    private final GatewayServer gateway;
    private final ReadModelFreshness freshness;
    private final long maxLag;

    public NetloomHealthIndicator(GatewayServer gateway, ReadModelFreshness freshness, MetricsProperties properties) {
        this.gateway = gateway;
        this.freshness = freshness;
        this.maxLag = properties.readinessMaxLag();
    }

    @Override
    public Health health() {
        if (!gateway.isRunning() || gateway.boundPort() <= 0) {
            return Health.down().withDetail("gateway", "not listening").build();
        }
        OptionalLong lag = freshness.lag();
        if (lag.isEmpty()) {
            return Health.down().withDetail("networkMaps", "the network-map processor is not running").build();
        }
        Health.Builder health = lag.getAsLong() <= maxLag ? Health.up() : Health.down();
        return health.withDetail("gatewayPort", gateway.boundPort()).withDetail("networkMapLag", lag.getAsLong())
                .withDetail("maxNetworkMapLag", maxLag).build();
    }
}
