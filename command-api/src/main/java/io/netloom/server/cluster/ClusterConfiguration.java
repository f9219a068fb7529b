package io.netloom.server.cluster;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What lets several server processes share one database (ADR 0056). A process on its own is always the leader:
 * nobody else holds the lock, so it takes it at start.
 */
@Configuration(proxyBeanMethods = false)
public class ClusterConfiguration {

    @Bean
    PgLeader pgLeader(DirectConnections connections,
            @Value("${netloom.cluster.leader-retry:5s}") Duration retryEvery) {
        return new PgLeader(connections, retryEvery);
    }

    @Bean(destroyMethod = "close")
    ClusterMember clusterMember(ClusterProperties properties) {
        return ClusterMember.of(properties);
    }

    @Bean
    StartUpTurns startUpTurns(DirectConnections connections) {
        return new StartUpTurns(connections);
    }
}
