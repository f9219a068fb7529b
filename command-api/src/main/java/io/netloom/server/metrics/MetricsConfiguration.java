package io.netloom.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.netloom.gateway.protocol.PathReport;
import io.netloom.server.gateway.GatewayServer;
import io.netloom.server.readmodel.NetworkMapFreshness;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's own bus and processor meters, with the processor and payload type as tags, on Boot's registry; the count of
 * stored events; and the gauges of what this process holds (ADR 0050). Axon's auto-configuration of these is
 * excluded: it orders itself after Boot 3's metrics auto-configuration, and under Boot 4 it would create a registry
 * of its own that nothing scrapes.
 */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

    /** The names GlobalMetricRegistry gives the meters of Axon's buses, store and processors. */
    private static final List<String> AXON_COMPONENTS = List.of("commandBus.", "eventStore.", "eventBus.",
            "eventProcessor.", "queryBus.", "queryUpdateEmitter.");

    @Bean
    GlobalMetricRegistry axonMetricRegistry(MeterRegistry registry) {
        return new GlobalMetricRegistry(registry);
    }

    /**
     * Axon picks one monitor factory per component, the most specific: the event store's combines Axon's meters of
     * it with the count of stored events.
     */
    @Bean
    ConfigurerModule axonMetrics(GlobalMetricRegistry axon, MeterRegistry registry) {
        EventsAppended eventsAppended = new EventsAppended(registry);
        return configurer -> {
            axon.registerWithConfigurerWithDefaultTags(configurer);
            configurer.configureMessageMonitor(EventStore.class, (configuration, type, name) -> {
                @SuppressWarnings("unchecked")
                MessageMonitor<Message<?>> axonsOwn =
                        (MessageMonitor<Message<?>>) axon.registerComponentWithDefaultTags(type, name);
                return new MultiMessageMonitor<Message<?>>(axonsOwn, eventsAppended);
            });
        };
    }

    /**
     * Axon's timers publish six client-side percentiles each, for every payload type of every processor: a quantile
     * cannot be combined across the processes behind one Service, and they made up most of a scrape. Count, sum and
     * max remain, from which Prometheus computes rates and averages over all processes.
     */
    @Bean
    MeterFilter axonTimersWithoutPercentiles() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (AXON_COMPONENTS.stream().noneMatch(id.getName()::startsWith)) {
                    return config;
                }
                return DistributionStatisticConfig.builder().percentiles(new double[0]).build().merge(config);
            }
        };
    }

    /** Read when scraped: sessions and reported paths of this process's gateway, and how far its maps trail. */
    @Bean
    MeterBinder netloomGauges(GatewayServer gateway, NetworkMapFreshness freshness) {
        return registry -> {
            Gauge.builder("netloom.gateway.sessions", gateway, GatewayServer::connectedPeers)
                    .description("Peers with a live session on this process's gateway").register(registry);
            for (PathReport.ConnectionType type : PathReport.ConnectionType.values()) {
                Gauge.builder("netloom.paths", gateway, running -> running.reportedPaths(type))
                        .description("Paths in the latest reports of the peers connected here, by connection type;"
                                + " a connection counts once for each end that reports it")
                        .tag("type", type.name().toLowerCase(Locale.ROOT)).register(registry);
            }
            Gauge.builder("netloom.readmodel.lag", freshness, maps -> {
                        OptionalLong lag = maps.lag();
                        return lag.isPresent() ? lag.getAsLong() : Double.NaN;
                    })
                    .description("Events the network maps of this process trail the event store's head by")
                    .register(registry);
        };
    }
}
