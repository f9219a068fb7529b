package io.netloom.server.axon;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;

/** Applies events to an aggregate instance through its event sourcing handlers, as a repository does on load. */
final class AggregateReplay {

    private AggregateReplay() {
    }

    /** {@code events} are payloads, numbered from {@code firstSequence}; returns {@code root}, now changed. */
    @SuppressWarnings("unchecked")
    static <T> T apply(T root, String id, long firstSequence, List<?> events) {
        List<GenericDomainEventMessage<?>> messages = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            messages.add(new GenericDomainEventMessage<>(root.getClass().getSimpleName(), id, firstSequence + i,
                    events.get(i)));
        }
        EventSourcedAggregate<T> aggregate = EventSourcedAggregate.initialize(root,
                AnnotatedAggregateMetaModelFactory.inspectAggregate((Class<T>) root.getClass()), null,
                NoSnapshotTriggerDefinition.TRIGGER);
        aggregate.initializeState(DomainEventStream.of(messages.stream()));
        return aggregate.getAggregateRoot();
    }
}
