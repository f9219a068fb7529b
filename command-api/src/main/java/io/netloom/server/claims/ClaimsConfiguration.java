package io.netloom.server.claims;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The claims processor is subscribing (application.yml), so it runs in the command's transaction.
 * Axon's default for a failing event handler is to log and carry on; a violated claim must instead
 * fail the unit of work, so that the transaction rolls back with the events in it.
 */
@Configuration(proxyBeanMethods = false)
public class ClaimsConfiguration {

    @Bean
    ConfigurerModule claimsFailTheirUnitOfWork() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerListenerInvocationErrorHandler(ClaimsRecorder.PROCESSING_GROUP,
                        axon -> PropagatingErrorHandler.instance()));
    }
}
