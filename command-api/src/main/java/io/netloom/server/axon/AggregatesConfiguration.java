package io.netloom.server.axon;

import io.netloom.domain.account.Account;
import io.netloom.domain.dns.DnsZone;
import io.netloom.domain.dns.NameserverGroup;
import io.netloom.domain.group.Group;
import io.netloom.domain.network.Network;
import io.netloom.domain.peer.Peer;
import io.netloom.domain.policy.Policy;
import io.netloom.domain.route.Route;
import io.netloom.domain.setupkey.SetupKey;
import io.netloom.domain.user.User;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfiguration;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the domain's aggregates with Axon here, because the domain module may not use Spring
 * stereotypes. Each repository caches loaded aggregates (soft references: kept until memory runs
 * short, unlike weak ones that every garbage collection clears), so a command does not replay the
 * aggregate's whole history each time. The aggregates whose histories grow without bound are also
 * snapshotted, so that loading one after a start or an eviction reads its last snapshot and the
 * events after it (ADR 0052).
 */
@Configuration(proxyBeanMethods = false)
public class AggregatesConfiguration {

    /**
     * A load reads fewer events than this after the newest snapshot (a few milliseconds); a Peer
     * that reconnects every five minutes gets one snapshot about twice a day (ADR 0052).
     */
    static final int SNAPSHOT_THRESHOLD = 250;

    private static final List<Class<?>> AGGREGATES =
            List.of(Account.class, User.class, Group.class, Peer.class, SetupKey.class, Policy.class,
                    Route.class, Network.class, NameserverGroup.class, DnsZone.class);

    /**
     * Two events per gateway session for a Peer, one per sign-in for a User, one per enrollment,
     * deletion and sign-in group move for a Group. The others change only when an administrator
     * changes them.
     */
    static final Set<Class<?>> SNAPSHOTTED = Set.of(Peer.class, User.class, Group.class);

    @Bean
    SnapshotExecutor snapshotExecutor() {
        return new SnapshotExecutor();
    }

    @Bean
    ConfigurerModule aggregatesModule(SnapshotExecutor snapshotExecutor) {
        return module(snapshotExecutor.executor());
    }

    /** The aggregates' repositories and snapshots, taken on {@code snapshotExecutor} after the command's commit. */
    static ConfigurerModule module(Executor snapshotExecutor) {
        return configurer -> {
            configurer.registerComponent(Snapshotter.class, config -> AggregateSnapshotter.builder()
                    .eventStore(config.eventStore())
                    .transactionManager(config.getComponent(TransactionManager.class))
                    .executor(snapshotExecutor)
                    .aggregateFactories(config.findModules(AggregateConfiguration.class).stream()
                            .<AggregateFactory<?>>map(AggregateConfiguration::aggregateFactory)
                            .toList())
                    .repositoryProvider(config::repository)
                    .parameterResolverFactory(config.parameterResolverFactory())
                    .build());
            AGGREGATES.forEach(type -> configurer.configureAggregate(aggregate(type)));
        };
    }

    private static <A> AggregateConfigurer<A> aggregate(Class<A> type) {
        AggregateConfigurer<A> aggregate =
                AggregateConfigurer.defaultConfiguration(type).configureCache(config -> new SoftReferenceCache());
        if (SNAPSHOTTED.contains(type)) {
            aggregate.configureSnapshotTrigger(config ->
                            new EventCountSnapshotTriggerDefinition(config.snapshotter(), SNAPSHOT_THRESHOLD))
                    .configureSnapshotFilter(config -> new ReadableSnapshotFilter(type, config.serializer()));
        }
        return aggregate;
    }
}
