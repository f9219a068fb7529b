package io.netloom.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.netloom.gateway.protocol.PathReport;
import io.netloom.server.gateway.GatewayServer;
import io.netloom.server.readmodel.ReadModelFreshness;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's own meters of its command bus, event store and tracking processor, with the processor and payload type as
 * tags, on Boot's registry; the count of stored events; and the gauges of what this process holds (ADR 0050). Axon's
 * auto-configuration of these is excluded: it orders itself after Boot 3's metrics auto-configuration, and under Boot 4 it would create a registry
 * of its own that nothing scrapes.
 */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

    /** The names GlobalMetricRegistry gives the meters of the Axon components measured here. */
    private static final List<String> AXON_COMPONENTS = List.of("commandBus.", "eventStore.", "eventProcessor.");

    @Bean
    GlobalMetricRegistry axonMetricRegistry(MeterRegistry registry) {
        return new GlobalMetricRegistry(registry);
    }

    /**
     * Axon's meters where they tell something {@code netloom.commands} does not: the command bus, the event store and
     * the tracking processors (the network maps' one, whose latency is how far behind the maps run). The subscribing
     * processors (directory, audit, claims, chain, the console's feed) run on the command's thread inside its unit of
     * work, so their time is the command's, and a monitor per event and processor there slowed enrollment down.
     * Axon picks one monitor factory per component, the most specific: the event store's combines Axon's meters of it
     * with the count of stored events.
     */
    @Bean
    ConfigurerModule axonMetrics(GlobalMetricRegistry axon, MeterRegistry registry) {
        EventsAppended eventsAppended = new EventsAppended(registry);
        return configurer -> configurer
                .configureMessageMonitor(CommandBus.class, (configuration, type, name) -> axonsOwn(axon, type, name))
                .configureMessageMonitor(TrackingEventProcessor.class,
                        (configuration, type, name) -> axonsOwn(axon, type, name))
                .configureMessageMonitor(EventStore.class, (configuration, type, name) ->
                        new MultiMessageMonitor<Message<?>>(axonsOwn(axon, type, name), eventsAppended));
    }

    @SuppressWarnings("unchecked")
    private static MessageMonitor<Message<?>> axonsOwn(GlobalMetricRegistry axon, Class<?> type, String name) {
        return (MessageMonitor<Message<?>>) axon.registerComponentWithDefaultTags(type, name);
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
    MeterBinder netloomGauges(GatewayServer gateway, ReadModelFreshness freshness) {
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
