package io.netloom.projections.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.ids.PeerId;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PeerScopedEventsTest {

    /** A pair's question leaves these out unless their payload names one of its peers: each must name its peers. */
    @Test
    void typesWhenInspectedThenEachNamesItsPeersInAPeerIdComponent() {
        for (Class<? extends Record> type : PeerScopedEvents.TYPES) {
            assertThat(Arrays.stream(type.getRecordComponents()).anyMatch(PeerScopedEventsTest::holdsPeerIds))
                    .as(type.getSimpleName()).isTrue();
        }
    }

    private static boolean holdsPeerIds(RecordComponent component) {
        if (component.getType() == PeerId.class) {
            return component.getName().equals("peerId");
        }
        return component.getGenericType() instanceof ParameterizedType collection
                && collection.getActualTypeArguments()[0] == PeerId.class;
    }
}
