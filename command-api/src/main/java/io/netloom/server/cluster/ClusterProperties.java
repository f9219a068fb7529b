package io.netloom.server.cluster;

import io.netloom.gateway.GatewayCluster;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code netloom.cluster.*} (ADR 0058): with {@code members} set, this process's gateway is one of a
 * cluster whose event bus (Vert.x on Hazelcast) carries signals between peers connected to different processes.
 * Without, the process runs alone, as before.
 *
 * @param name processes join only a cluster of their own name
 * @param host the address the other members reach this one at (its own address on the cluster's network, which must
 *     be private to the servers: the event bus is not encrypted)
 * @param port this member's Hazelcast port
 * @param members {@code host:port} of every member, this one included
 */
@ConfigurationProperties("netloom.cluster")
public record ClusterProperties(@DefaultValue("netloom") String name, @DefaultValue("127.0.0.1") String host,
        @DefaultValue("5701") int port, @DefaultValue List<String> members) {

    /** The cluster to join, if any. */
    public Optional<GatewayCluster> cluster() {
        return members.isEmpty() ? Optional.empty() : Optional.of(new GatewayCluster(name, host, port, members));
    }
}
