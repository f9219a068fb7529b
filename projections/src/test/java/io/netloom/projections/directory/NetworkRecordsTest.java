package io.netloom.projections.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.NetworkId;
import io.netloom.domain.ids.NetworkResourceId;
import io.netloom.domain.ids.NetworkRouterId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.network.NetworkCreatedEvent;
import io.netloom.domain.network.NetworkDeletedEvent;
import io.netloom.domain.network.NetworkDetails;
import io.netloom.domain.network.NetworkResourceCreatedEvent;
import io.netloom.domain.network.NetworkResourceDeletedEvent;
import io.netloom.domain.network.NetworkRouterCreatedEvent;
import io.netloom.domain.network.RouterDefinition;
import io.netloom.domain.network.ResourceAddress;
import io.netloom.domain.network.ResourceDefinition;
import io.netloom.domain.network.NetworkUpdatedEvent;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NetworkRecordsTest {

    private static final NetworkId NETWORK = new NetworkId("network-1");
    private static final NetworkResourceId RESOURCE = new NetworkResourceId("resource-1");
    private static final GroupId WEB = new GroupId("group-web");
    private static final ResourceDefinition WEB_SERVER =
            new ResourceDefinition("web", "", ResourceAddress.parse("10.1.2.3"), Set.of(WEB), true);

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

    @Test
    void resourceCreatedWhenReplayedThenListedUnderItsNetworkOnlyAndReferencingItsGroups() {
        TestEvents events = new TestEvents();
        events.projection().on(new NetworkCreatedEvent(NETWORK, TestEvents.ACCOUNT, new NetworkDetails("office", "")));

        events.projection().on(new NetworkResourceCreatedEvent(NETWORK, TestEvents.ACCOUNT, RESOURCE, WEB_SERVER));

        assertThat(events.records().networkResources(NETWORK)).extracting(NetworkResourceView::id)
                .containsExactly(RESOURCE);
        assertThat(events.records().networkResource(new NetworkId("network-2"), RESOURCE)).isEmpty();
        assertThat(events.records().referencesTo(WEB)).containsExactly("network resource \"web\"");
    }

    @Test
    void resourceDeletedOrNetworkDeletedWhenReplayedThenResourceGoneAndGroupsFree() {
        TestEvents events = new TestEvents();
        events.projection().on(new NetworkCreatedEvent(NETWORK, TestEvents.ACCOUNT, new NetworkDetails("office", "")));
        events.projection().on(new NetworkResourceCreatedEvent(NETWORK, TestEvents.ACCOUNT, RESOURCE, WEB_SERVER));
        events.projection().on(new NetworkResourceDeletedEvent(NETWORK, TestEvents.ACCOUNT, RESOURCE));
        assertThat(events.records().networkResources(NETWORK)).isEmpty();
        events.projection().on(new NetworkResourceCreatedEvent(NETWORK, TestEvents.ACCOUNT, RESOURCE, WEB_SERVER));

        events.projection().on(new NetworkDeletedEvent(NETWORK, TestEvents.ACCOUNT));

        assertThat(events.records().networkResources(NETWORK)).isEmpty();
        assertThat(events.records().referencesTo(WEB)).isEmpty();
    }

    @Test
    void routerCreatedWhenReplayedThenListedServedByItsPeerAndGoneWithItsNetwork() {
        TestEvents events = new TestEvents();
        NetworkRouterId router = new NetworkRouterId("router-1");
        PeerId peer = new PeerId("peer-router");
        events.projection().on(new NetworkCreatedEvent(NETWORK, TestEvents.ACCOUNT, new NetworkDetails("office", "")));

        events.projection().on(new NetworkRouterCreatedEvent(NETWORK, TestEvents.ACCOUNT, router,
                new RouterDefinition(peer, Set.of(), 100, true, true)));

        assertThat(events.records().networkRouters(NETWORK)).extracting(NetworkRouterView::id).containsExactly(router);
        assertThat(events.records().networkRoutersServedBy(peer)).hasSize(1);
        assertThat(events.records().routingPeerCount(NETWORK)).isEqualTo(1);
        events.projection().on(new NetworkDeletedEvent(NETWORK, TestEvents.ACCOUNT));
        assertThat(events.records().networkRouters()).isEmpty();
        assertThat(events.records().networkRoutersServedBy(peer)).isEmpty();
    }
}
