package io.netloom.server.axon;

import java.util.Objects;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a stored snapshot of one aggregate type through only if this code can read it: same class, same
 * {@link Revision}, and a payload the snapshot serializer accepts. Anything else is passed over and the aggregate
 * is rebuilt from its events. Axon 4.13 needs this: it deserializes a snapshot lazily, when the aggregate factory
 * asks for it, outside the try in {@code AbstractEventStore.readEvents} that would fall back to the full stream,
 * so an unreadable snapshot would fail every command to the aggregate (ADR 0052). Snapshots of other types pass:
 * Axon combines the filters of all aggregates with "and".
 */
final class ReadableSnapshotFilter implements SnapshotFilter {

    private static final Logger LOG = LoggerFactory.getLogger(ReadableSnapshotFilter.class);

    private final String aggregateTypeName;
    private final String className;
    private final String revision;
    private final Serializer serializer;

    ReadableSnapshotFilter(Class<?> aggregateType, Serializer serializer) {
        this.aggregateTypeName = aggregateType.getSimpleName();
        this.className = aggregateType.getName();
        Revision declared = aggregateType.getAnnotation(Revision.class);
        this.revision = declared == null ? null : declared.value();
        this.serializer = serializer;
    }

    @Override
    public boolean test(DomainEventData<?> snapshot) {
        if (!aggregateTypeName.equals(snapshot.getType())) {
            return true;
        }
        SerializedObject<?> payload = snapshot.getPayload();
        SerializedType type = payload.getType();
        if (!className.equals(type.getName()) || !Objects.equals(revision, type.getRevision())) {
            LOG.info("Snapshot of {} {} at {} is of {} revision {}, not revision {}: loading from its events",
                    aggregateTypeName, snapshot.getAggregateIdentifier(), snapshot.getSequenceNumber(),
                    type.getName(), type.getRevision(), revision);
            return false;
        }
        try {
            serializer.deserialize(payload);
            return true;
        } catch (RuntimeException unreadable) {
            LOG.warn("Snapshot of {} {} at {} cannot be read ({}): loading from its events", aggregateTypeName,
                    snapshot.getAggregateIdentifier(), snapshot.getSequenceNumber(), unreadable.toString());
            return false;
        }
    }
}
