package io.netloom.gateway;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;

/**
 * The Vert.x of one gateway in a cluster of gateways (ADR 0058): its event bus spans all members, over Hazelcast.
 * Members find each other at the addresses given (TCP, no multicast: most networks, and Kubernetes, have none); a
 * member silent for five seconds is dropped, so a killed process's peers count as offline soon after.
 *
 * @param name the cluster's name: processes with another name never join this cluster
 * @param host this member's address, where the others reach it (Hazelcast and the event bus)
 * @param port this member's Hazelcast port
 * @param members {@code host:port} of every member, this one included
 */
public record GatewayCluster(String name, String host, int port, List<String> members) {

    public GatewayCluster {
        members = List.copyOf(members);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a gateway cluster needs a name");
        }
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a gateway cluster needs its members' addresses");
        }
    }

    /** This member's Vert.x, once it has joined (or, as the first member, formed) the cluster, and the members. */
    public record Joined(Vertx vertx, ClusterMembership membership) {
    }

    /** Starts this member's Vert.x and joins the cluster. */
    public Future<Joined> start(VertxOptions options) {
        HazelcastClusterManager manager = new HazelcastClusterManager(hazelcast());
        return Vertx.builder()
                .with(options.setEventBusOptions(new EventBusOptions().setHost(host).setClusterPublicHost(host)))
                .withClusterManager(manager)
                .buildClustered()
                .map(vertx -> new Joined(vertx, new HazelcastMembership(manager.getHazelcastInstance())));
    }

    private Config hazelcast() {
        // Vert.x's own settings for its subscription and node maps, then the network of this cluster.
        Config config = ConfigUtil.loadConfig();
        config.setClusterName(name);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(false);
        network.setPublicAddress(host + ":" + port);
        network.getInterfaces().setEnabled(true).setInterfaces(List.of(host));
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(members);
        return config;
    }
}
