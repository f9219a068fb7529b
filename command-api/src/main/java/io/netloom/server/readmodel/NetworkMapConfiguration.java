package io.netloom.server.readmodel;

import io.netloom.projections.networkmap.NetworkMaps;
import io.netloom.projections.networkmap.projection.NetworkMapProjection;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The network-map model lives in memory and is fed by its own tracking processor. Its position is
 * kept in memory too, so every start replays the whole event store into a fresh model, in large
 * batches, while command handling never waits for map computation.
 */
@Configuration(proxyBeanMethods = false)
public class NetworkMapConfiguration {

    private static final int REPLAY_BATCH_SIZE = 1_000;

    @Bean
    NetworkMaps networkMaps() {
        return new NetworkMaps();
    }

    @Bean
    NetworkMapProjection networkMapProjection(NetworkMaps maps) {
        return new NetworkMapProjection(maps);
    }

    @Bean
    ConfigurerModule networkMapProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(NetworkMapProjection.PROCESSING_GROUP,
                        org.axonframework.config.Configuration::eventStore,
                        axon -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(REPLAY_BATCH_SIZE))
                .registerTokenStore(NetworkMapProjection.PROCESSING_GROUP, axon -> new InMemoryTokenStore()));
    }
}
