package io.netloom.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

/**
 * {@code netloom.events.appended}: events stored, by type. The event store reports an event's success after its unit
 * of work commits and its failure on rollback, so an event counts once it is in the store and never before.
 */
final class EventsAppended implements MessageMonitor<Message<?>> {

    static final String NAME = "netloom.events.appended";

    private final MeterRegistry registry;
    private final Map<Class<?>, Counter> byType = new ConcurrentHashMap<>();

    EventsAppended(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> event) {
        Class<?> type = event.getPayloadType();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                byType.computeIfAbsent(type, payload -> Counter.builder(NAME).description("Events stored, by type")
                        .tag("type", payload.getSimpleName()).register(registry)).increment();
            }

            @Override
            public void reportFailure(Throwable cause) {
            }

            @Override
            public void reportIgnored() {
            }
        };
    }
}
