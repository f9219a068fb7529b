package io.netloom.projections.history;

import io.netloom.domain.ids.PeerId;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The peers an event's payload names: every {@link PeerId} component of the record, and every element of a
 * collection-of-{@code PeerId} component. Read from the record's components, not from any list of types, so it is
 * a fact about the event itself; {@code PeerScopedEventsTest} holds each peer-scoped type to naming its peers so.
 */
public final class NamedPeers {

    /** The components of each type that hold peer ids, found once per type. */
    private static final ClassValue<List<RecordComponent>> PEER_COMPONENTS = new ClassValue<>() {
        @Override
        protected List<RecordComponent> computeValue(Class<?> type) {
            if (!type.isRecord()) {
                return List.of();
            }
            return Arrays.stream(type.getRecordComponents()).filter(NamedPeers::holdsPeerIds).toList();
        }
    };

    private NamedPeers() {
    }

    /** Whether a payload of this type can name a peer at all: if not, its payload need not be read to know. */
    public static boolean canName(Class<?> payloadType) {
        return !PEER_COMPONENTS.get(payloadType).isEmpty();
    }

    /** The peers the payload names, each once, in the order of its components. */
    public static Set<PeerId> in(Object payload) {
        Set<PeerId> peers = new LinkedHashSet<>();
        for (RecordComponent component : PEER_COMPONENTS.get(payload.getClass())) {
            Object value = valueOf(component, payload);
            if (value instanceof PeerId peer) {
                peers.add(peer);
            } else if (value instanceof Collection<?> collection) {
                collection.stream().map(PeerId.class::cast).forEach(peers::add);
            }
        }
        return peers;
    }

    static boolean holdsPeerIds(RecordComponent component) {
        if (component.getType() == PeerId.class) {
            return true;
        }
        return Collection.class.isAssignableFrom(component.getType())
                && component.getGenericType() instanceof ParameterizedType collection
                && collection.getActualTypeArguments()[0] == PeerId.class;
    }

    private static Object valueOf(RecordComponent component, Object payload) {
        try {
            return component.getAccessor().invoke(payload);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component + " of " + payload.getClass().getName(), e);
        }
    }
}
