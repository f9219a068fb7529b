package io.netloom.server.readmodel;

import io.netloom.projections.directory.Directory;
import io.netloom.projections.directory.DirectoryProjection;
import java.time.Clock;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private static final Logger log = LoggerFactory.getLogger(ReadModelConfiguration.class);

    private static final int BATCH_SIZE = 1;

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * What a command's caller waits for after its commit (ADR 0055), and an account's lock once held and once its step
     * committed (ADR 0056): the models showing every change committed before, by any process. Beyond the readers'
     * patience the caller goes on: the write is stored, and the model a moment old.
     */
    @Bean
    ReadModelCatchUp readModelCatchUp(ReadModelFreshness freshness) {
        return () -> {
            if (!freshness.awaitRecentWrites()) {
                log.warn("the read models did not show the changes stored so far within {}",
                        ReadModelFreshness.READER_PATIENCE);
            }
        };
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
