package io.netloom.server.axon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Event store serialization and the metadata every event inherits from the command that caused it. */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    /**
     * Axon 4 serializes with Jackson 2 while Spring MVC uses Jackson 3, so the event store gets a
     * mapper of its own. Dates as ISO strings keep the stored JSON readable; unknown properties are
     * ignored so that old code can still read events written by a newer revision.
     */
    @Bean("defaultAxonObjectMapper")
    ObjectMapper defaultAxonObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    /** Who caused an event (a user, a setup key or the system) travels as metadata, not in the payload. */
    @Bean
    CorrelationDataProvider initiatorCorrelationProvider() {
        return new SimpleCorrelationDataProvider(Initiator.METADATA_KEY);
    }
}
