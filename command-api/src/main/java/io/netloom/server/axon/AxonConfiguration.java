package io.netloom.server.axon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Clock;
import java.time.Duration;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** Event store serialization, transactions, and the metadata every event inherits from the command that caused it. */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    static {
        // The JDBC store keeps an event's timestamp to the millisecond, so the events are stamped to the
        // millisecond: a handler sees the same time live as in a replay after a restart, and the API shows the same
        // "created_at" before and after one (found by the read-model check, ADR 0053).
        GenericEventMessage.clock = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    }

    /**
     * Axon 4 serializes with Jackson 2 while Spring MVC uses Jackson 3, so the event store gets a
     * mapper of its own. Dates as ISO strings keep the stored JSON readable; unknown properties are
     * ignored so that old code can still read events written by a newer revision. Public: tests of what is stored
     * with it (snapshots) build it without Spring.
     */
    @Bean("defaultAxonObjectMapper")
    public ObjectMapper defaultAxonObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * Axon 4.13's auto-configuration orders itself after Spring Boot 3's transaction
     * auto-configuration; under Boot 4 it finds no transaction manager yet and falls back to none, so
     * every statement committed on its own. Bound to Spring's transaction manager, a unit of work is
     * one database transaction: a command's events, audit lines and claims commit together or not at
     * all (ADR 0011).
     */
    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    /** Replaces Axon's default, which misses PostgreSQL's duplicate keys (see the class). */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new PostgresDuplicateKeys();
    }

    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    /** Who caused an event (a user, a token, a setup key or the system) travels as metadata, not in the payload. */
    @Bean
    CorrelationDataProvider initiatorCorrelationProvider() {
        return new SimpleCorrelationDataProvider(Initiator.METADATA_KEY, Initiator.TOKEN_METADATA_KEY);
    }
}
