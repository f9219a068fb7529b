package io.netloom.projections.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.peer.PeerConnectedEvent;
import io.netloom.domain.peer.PeerDisconnectedEvent;
import io.netloom.domain.peer.PeerExtraDnsLabelsChangedEvent;
import io.netloom.domain.peer.PeerRenamedEvent;
import io.netloom.projections.networkmap.projection.NetworkMapProjection;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.Test;

class AccessNeutralEventsTest {

    @Test
    void typesWhenComparedWithTheProjectionThenOnlyPresenceNamesAndDnsAreApplied() {
        Set<Class<?>> applied = new HashSet<>();
        for (Method method : NetworkMapProjection.class.getMethods()) {
            if (method.isAnnotationPresent(EventHandler.class)) {
                applied.add(method.getParameterTypes()[0]);
            }
        }
        Set<Class<?>> neutralButApplied = new HashSet<>(AccessNeutralEvents.TYPES);
        neutralButApplied.retainAll(applied);

        List<Class<?>> expected = new ArrayList<>(
                List.of(PeerConnectedEvent.class, PeerDisconnectedEvent.class, PeerRenamedEvent.class,
                        PeerExtraDnsLabelsChangedEvent.class));
        expected.addAll(AccessNeutralEvents.DNS);
        assertThat(neutralButApplied).containsExactlyInAnyOrderElementsOf(expected);
    }
}
