package io.netloom.server.audit.chain;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The chain processor is subscribing (application.yml). Axon's default for a failing handler is to
 * log and carry on; an event whose link could not be written must instead not be stored at all.
 */
@Configuration(proxyBeanMethods = false)
public class ChainConfiguration {

    @Bean
    ConfigurerModule chainLinksFailTheirUnitOfWork() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerListenerInvocationErrorHandler(ChainRecorder.PROCESSING_GROUP,
                        axon -> PropagatingErrorHandler.instance()));
    }
}
