package io.netloom.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Upgrades and challenges per source address; buckets that have refilled are forgotten. */
final class SourceRateLimit {

    private final GatewayConfig config;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    SourceRateLimit(GatewayConfig config) {
        this.config = config;
    }

    boolean tryAcquire(String source, long nowNanos) {
        return buckets.computeIfAbsent(source,
                key -> new TokenBucket(config.connectionsPerSecond(), config.connectionBurst(), nowNanos))
                .tryTake(nowNanos);
    }

    void forgetIdle(long nowNanos) {
        buckets.values().removeIf(bucket -> bucket.isFull(nowNanos));
    }
}
