package io.netloom.gateway;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;
import java.util.UUID;

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

    /** The member attribute that names a member's Vert.x node (vertx-hazelcast's {@code NODE_ID_ATTRIBUTE}). */
    private static final String VERTX_NODE_ID = "__vertx.nodeId";

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

    /** Starts this member's Vert.x and joins the cluster; the Hazelcast member is Vert.x's, and leaves with it. */
    public Future<Joined> start(VertxOptions options) {
        return start(options, new HazelcastClusterManager(hazelcast()));
    }

    /**
     * Starts this member's Vert.x on a Hazelcast member started before by {@link #startMember()}, which the process
     * shares with what else it keeps in the cluster (ADR 0061): one member per process. Vert.x leaves the cluster on
     * close, but the member stays up until its starter shuts it down.
     */
    public Future<Joined> start(VertxOptions options, HazelcastInstance member) {
        return start(options, new HazelcastClusterManager(member));
    }

    /** This process's Hazelcast member, joined to the cluster, with the maps Vert.x needs configured. */
    public HazelcastInstance startMember() {
        Config config = hazelcast();
        // What vertx-hazelcast sets on a member it starts itself, and requires of one it is given.
        config.getMemberAttributeConfig().setAttribute(VERTX_NODE_ID, UUID.randomUUID().toString());
        return Hazelcast.newHazelcastInstance(config);
    }

    private Future<Joined> start(VertxOptions options, HazelcastClusterManager manager) {
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
