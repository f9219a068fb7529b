package io.netloom.domain.network;

import static io.netloom.domain.Rejections.reason;
import static io.netloom.domain.TestData.ACCOUNT;
import static io.netloom.domain.TestData.OTHER_ACCOUNT;
import static io.netloom.domain.common.RejectionReason.ALREADY_EXISTS;
import static io.netloom.domain.common.RejectionReason.INVALID_ARGUMENT;
import static io.netloom.domain.common.RejectionReason.NOT_FOUND;

import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.NetworkId;
import io.netloom.domain.ids.NetworkResourceId;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NetworkResourceTest {

    private static final NetworkId NETWORK = new NetworkId("network-1");
    private static final NetworkResourceId RESOURCE = new NetworkResourceId("resource-1");
    private static final Ipv4Network OVERLAY = Ipv4Network.DEFAULT;
    private static final NetworkCreatedEvent CREATED =
            new NetworkCreatedEvent(NETWORK, ACCOUNT, new NetworkDetails("office", ""));

    private FixtureConfiguration<Network> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Network.class);
    }

    private static ResourceDefinition at(String address) {
        return new ResourceDefinition("web", "", ResourceAddress.parse(address), Set.of(new GroupId("group-web")),
                true);
    }

    @Test
    void createResourceWhenValidThenCreated() {
        fixture.given(CREATED)
                .when(new CreateNetworkResourceCommand(NETWORK, ACCOUNT, RESOURCE, at("10.1.0.0/16"), OVERLAY))
                .expectEvents(new NetworkResourceCreatedEvent(NETWORK, ACCOUNT, RESOURCE, at("10.1.0.0/16")));
    }

    @Test
    void createResourceWhenSameIdTwiceThenConflict() {
        fixture.given(CREATED, new NetworkResourceCreatedEvent(NETWORK, ACCOUNT, RESOURCE, at("10.1.0.0/16")))
                .when(new CreateNetworkResourceCommand(NETWORK, ACCOUNT, RESOURCE, at("10.2.0.0/16"), OVERLAY))
                .expectException(reason(ALREADY_EXISTS));
    }

    @Test
    void createResourceWhenAddressInOverlayThenRejected() {
        fixture.given(CREATED)
                .when(new CreateNetworkResourceCommand(NETWORK, ACCOUNT, RESOURCE, at("100.64.0.9"), OVERLAY))
                .expectExceptionMessage("address 100.64.0.9 overlaps the account's overlay network 100.64.0.0/10")
                .expectException(reason(INVALID_ARGUMENT));
    }

    @Test
    void createResourceWhenOtherAccountThenNotFound() {
        fixture.given(CREATED)
                .when(new CreateNetworkResourceCommand(NETWORK, OTHER_ACCOUNT, RESOURCE, at("10.1.0.0/16"), OVERLAY))
                .expectException(reason(NOT_FOUND));
    }

    @Test
    void updateResourceWhenChangedThenUpdatedAndUnchangedThenNoEvent() {
        fixture.given(CREATED, new NetworkResourceCreatedEvent(NETWORK, ACCOUNT, RESOURCE, at("10.1.0.0/16")))
                .when(new UpdateNetworkResourceCommand(NETWORK, ACCOUNT, RESOURCE, at("10.1.2.3"), OVERLAY))
                .expectEvents(new NetworkResourceUpdatedEvent(NETWORK, ACCOUNT, RESOURCE, at("10.1.2.3")));
        fixture.given(CREATED, new NetworkResourceCreatedEvent(NETWORK, ACCOUNT, RESOURCE, at("10.1.0.0/16")))
                .when(new UpdateNetworkResourceCommand(NETWORK, ACCOUNT, RESOURCE, at("10.1.0.0/16"), OVERLAY))
                .expectNoEvents();
    }

    @Test
    void updateOrDeleteResourceWhenUnknownOrDeletedThenNotFound() {
        fixture.given(CREATED)
                .when(new UpdateNetworkResourceCommand(NETWORK, ACCOUNT, RESOURCE, at("10.1.0.0/16"), OVERLAY))
                .expectException(reason(NOT_FOUND));
        fixture.given(CREATED, new NetworkResourceCreatedEvent(NETWORK, ACCOUNT, RESOURCE, at("10.1.0.0/16")),
                        new NetworkResourceDeletedEvent(NETWORK, ACCOUNT, RESOURCE))
                .when(new DeleteNetworkResourceCommand(NETWORK, ACCOUNT, RESOURCE))
                .expectException(reason(NOT_FOUND));
    }

    @Test
    void deleteResourceWhenExistsThenDeleted() {
        fixture.given(CREATED, new NetworkResourceCreatedEvent(NETWORK, ACCOUNT, RESOURCE, at("10.1.0.0/16")))
                .when(new DeleteNetworkResourceCommand(NETWORK, ACCOUNT, RESOURCE))
                .expectEvents(new NetworkResourceDeletedEvent(NETWORK, ACCOUNT, RESOURCE));
    }
}
