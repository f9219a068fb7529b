package io.netloom.domain.network;

import static io.netloom.domain.Rejections.reason;
import static io.netloom.domain.TestData.ACCOUNT;
import static io.netloom.domain.TestData.OTHER_ACCOUNT;
import static io.netloom.domain.common.RejectionReason.ALREADY_EXISTS;
import static io.netloom.domain.common.RejectionReason.NOT_FOUND;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.NetworkId;
import io.netloom.domain.ids.NetworkRouterId;
import io.netloom.domain.ids.PeerId;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NetworkRouterTest {

    private static final NetworkId NETWORK = new NetworkId("network-1");
    private static final NetworkRouterId ROUTER = new NetworkRouterId("router-1");
    private static final NetworkRouterId OTHER_ROUTER = new NetworkRouterId("router-2");
    private static final PeerId PEER = new PeerId("peer-1");
    private static final NetworkCreatedEvent CREATED =
            new NetworkCreatedEvent(NETWORK, ACCOUNT, new NetworkDetails("office", ""));

    private FixtureConfiguration<Network> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Network.class);
    }

    private static RouterDefinition byPeer(int metric) {
        return new RouterDefinition(PEER, Set.of(), metric, true, true);
    }

    @Test
    void createRouterWhenValidThenCreated() {
        fixture.given(CREATED)
                .when(new CreateNetworkRouterCommand(NETWORK, ACCOUNT, ROUTER, byPeer(100)))
                .expectEvents(new NetworkRouterCreatedEvent(NETWORK, ACCOUNT, ROUTER, byPeer(100)));
    }

    @Test
    void createRouterWhenPeerAlreadyARouterOfTheNetworkThenConflict() {
        fixture.given(CREATED, new NetworkRouterCreatedEvent(NETWORK, ACCOUNT, ROUTER, byPeer(100)))
                .when(new CreateNetworkRouterCommand(NETWORK, ACCOUNT, OTHER_ROUTER, byPeer(200)))
                .expectException(reason(ALREADY_EXISTS));
    }

    @Test
    void updateRouterWhenChangedThenUpdatedAndSamePeerOfItselfAllowed() {
        fixture.given(CREATED, new NetworkRouterCreatedEvent(NETWORK, ACCOUNT, ROUTER, byPeer(100)))
                .when(new UpdateNetworkRouterCommand(NETWORK, ACCOUNT, ROUTER, byPeer(200)))
                .expectEvents(new NetworkRouterUpdatedEvent(NETWORK, ACCOUNT, ROUTER, byPeer(200)));
    }

    @Test
    void updateRouterWhenUnchangedThenNoEvent() {
        fixture.given(CREATED, new NetworkRouterCreatedEvent(NETWORK, ACCOUNT, ROUTER, byPeer(100)))
                .when(new UpdateNetworkRouterCommand(NETWORK, ACCOUNT, ROUTER, byPeer(100)))
                .expectNoEvents();
    }

    @Test
    void updateOrDeleteRouterWhenUnknownOrOtherAccountThenNotFound() {
        fixture.given(CREATED)
                .when(new DeleteNetworkRouterCommand(NETWORK, ACCOUNT, ROUTER))
                .expectException(reason(NOT_FOUND));
        fixture.given(CREATED, new NetworkRouterCreatedEvent(NETWORK, ACCOUNT, ROUTER, byPeer(100)))
                .when(new UpdateNetworkRouterCommand(NETWORK, OTHER_ACCOUNT, ROUTER, byPeer(200)))
                .expectException(reason(NOT_FOUND));
    }

    @Test
    void deleteRouterWhenExistsThenDeleted() {
        fixture.given(CREATED, new NetworkRouterCreatedEvent(NETWORK, ACCOUNT, ROUTER, byPeer(100)))
                .when(new DeleteNetworkRouterCommand(NETWORK, ACCOUNT, ROUTER))
                .expectEvents(new NetworkRouterDeletedEvent(NETWORK, ACCOUNT, ROUTER));
    }

    @Test
    void routerDefinitionWhenBothOrNeitherPeerAndGroupsOrMetricOutOfRangeThenRejected() {
        Set<GroupId> routers = Set.of(new GroupId("group-routers"));
        assertThatThrownBy(() -> new RouterDefinition(PEER, routers, 100, true, true))
                .isInstanceOf(CommandRejectedException.class).hasMessageContaining("exactly one of peer");
        assertThatThrownBy(() -> new RouterDefinition(null, Set.of(), 100, true, true))
                .isInstanceOf(CommandRejectedException.class).hasMessageContaining("exactly one of peer");
        assertThatThrownBy(() -> byPeer(0)).isInstanceOf(CommandRejectedException.class).hasMessageContaining("metric");
        assertThatThrownBy(() -> byPeer(10000)).isInstanceOf(CommandRejectedException.class);
    }
}
