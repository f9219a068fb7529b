package io.netloom.server.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.netloom.gateway.GatewayCluster;
import java.util.Optional;

/**
 * This process's one Hazelcast member when it is one of a cluster (ADR 0058, 0061), started before anything that
 * uses it: the gateway's event bus and the sign-ins in progress share it, so a process is one member, not two.
 * Spring shuts it down last, after the gateway's Vert.x has left the cluster.
 */
public final class ClusterMember implements AutoCloseable {

    private final Clustered clustered;

    /** The cluster's settings and this process's member in it. */
    public record Clustered(GatewayCluster settings, HazelcastInstance hazelcast) {
    }

    private ClusterMember(Clustered clustered) {
        this.clustered = clustered;
    }

    /** Joins the cluster the settings name, or runs alone without them. */
    public static ClusterMember of(ClusterProperties properties) {
        return new ClusterMember(properties.cluster()
                .map(settings -> new Clustered(settings, join(settings)))
                .orElse(null));
    }

    /** The cluster and this process's member; empty for a process alone. */
    public Optional<Clustered> clustered() {
        return Optional.ofNullable(clustered);
    }

    @Override
    public void close() {
        if (clustered != null) {
            clustered.hazelcast().shutdown();
        }
    }

    private static HazelcastInstance join(GatewayCluster settings) {
        try {
            return settings.startMember();
        } catch (RuntimeException e) {
            throw new IllegalStateException("this process cannot join cluster " + settings.name() + " at "
                    + settings.host() + ":" + settings.port(), e);
        }
    }
}
