package io.netloom.projections.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.ids.NetworkId;
import io.netloom.domain.network.NetworkCreatedEvent;
import io.netloom.domain.network.NetworkDeletedEvent;
import io.netloom.domain.network.NetworkDetails;
import io.netloom.domain.network.NetworkUpdatedEvent;
import org.junit.jupiter.api.Test;

class NetworkRecordsTest {

    private static final NetworkId NETWORK = new NetworkId("network-1");

    @Test
    void networkCreatedWhenReplayedThenListed() {
        TestEvents events = new TestEvents();

        events.projection().on(new NetworkCreatedEvent(NETWORK, TestEvents.ACCOUNT, new NetworkDetails("office", "")));

        assertThat(events.records().networks()).extracting(NetworkView::id).containsExactly(NETWORK);
    }

    @Test
    void networkUpdatedWhenReplayedThenNewDetails() {
        TestEvents events = new TestEvents();
        events.projection().on(new NetworkCreatedEvent(NETWORK, TestEvents.ACCOUNT, new NetworkDetails("office", "")));

        events.projection().on(new NetworkUpdatedEvent(NETWORK, TestEvents.ACCOUNT, new NetworkDetails("hq", "main")));

        assertThat(events.records().network(NETWORK).orElseThrow().details()).isEqualTo(new NetworkDetails("hq", "main"));
    }

    @Test
    void networkDeletedWhenReplayedThenGone() {
        TestEvents events = new TestEvents();
        events.projection().on(new NetworkCreatedEvent(NETWORK, TestEvents.ACCOUNT, new NetworkDetails("office", "")));

        events.projection().on(new NetworkDeletedEvent(NETWORK, TestEvents.ACCOUNT));

        assertThat(events.records().networks()).isEmpty();
        assertThat(events.records().network(NETWORK)).isEmpty();
    }
}
