package io.netloom.server.readmodel;

import io.netloom.projections.directory.Directory;
import io.netloom.projections.directory.DirectoryProjection;
import java.time.Clock;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The directory, and the console's peer feed that reads it ({@code PeerFeedProjection}), are fed by one tracking
 * processor in every process (ADR 0055), so a change stored by any process reaches this one's directory. One group,
 * with the feed's handler ordered before the directory's: the feed looks up who an event concerns in the directory
 * as it was before the event. A batch of one event keeps that exact: the directory applies a batch's changes when the
 * batch ends ({@code AfterCommit}), so with larger batches the feed would see the state before the whole batch.
 */
@Configuration(proxyBeanMethods = false)
public class ReadModelConfiguration {

    private static final int BATCH_SIZE = 1;

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Directory directory() {
        return new Directory();
    }

    @Bean
    DirectoryProjection directoryProjection(Directory directory) {
        return new DirectoryProjection(directory);
    }

    @Bean
    ConfigurerModule readModelProcessor(ReadModelTail tail) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(DirectoryProjection.PROCESSING_GROUP,
                        org.axonframework.config.Configuration::eventStore,
                        axon -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(BATCH_SIZE)
                                .andAutoStart(false)
                                .andInitialTrackingToken(tail::initialToken))
                .registerTokenStore(DirectoryProjection.PROCESSING_GROUP, axon -> new InMemoryTokenStore())
                // The models and the position live in memory: a database transaction per event would only cost.
                .registerTransactionManager(DirectoryProjection.PROCESSING_GROUP,
                        axon -> NoTransactionManager.INSTANCE));
    }
}
