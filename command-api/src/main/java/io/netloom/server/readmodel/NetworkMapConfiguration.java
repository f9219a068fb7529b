package io.netloom.server.readmodel;

import io.netloom.projections.networkmap.NetworkMaps;
import io.netloom.projections.networkmap.projection.NetworkMapProjection;
import io.netloom.server.identity.IdentityProperties;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The network-map model lives in memory and is fed by its own tracking processor, so command
 * handling never computes maps. The processor's position is kept in memory and starts where the
 * start-up replay ended ({@link ReadModelTail}): the history before it is replayed by
 * {@link StartupSequence}, in the same pass that rebuilds the directory.
 */
@Configuration(proxyBeanMethods = false)
public class NetworkMapConfiguration {

    private static final int BATCH_SIZE = 100;

    @Bean
    NetworkMaps networkMaps() {
        return new NetworkMaps(false);
    }

    @Bean
    NetworkMapProjection networkMapProjection(NetworkMaps maps, IdentityProperties identity) {
        return new NetworkMapProjection(maps, identity.offboardSetupKeyPeers());
    }

    @Bean
    ConfigurerModule networkMapProcessor(ReadModelTail tail) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(NetworkMapProjection.PROCESSING_GROUP,
                        org.axonframework.config.Configuration::eventStore,
                        axon -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(BATCH_SIZE)
                                .andAutoStart(false)
                                .andInitialTrackingToken(tail::initialToken))
                .registerTokenStore(NetworkMapProjection.PROCESSING_GROUP, axon -> new InMemoryTokenStore())
                // Maps and position live in memory: a database transaction per batch would only cost round trips.
                .registerTransactionManager(NetworkMapProjection.PROCESSING_GROUP,
                        axon -> NoTransactionManager.INSTANCE));
    }
}
