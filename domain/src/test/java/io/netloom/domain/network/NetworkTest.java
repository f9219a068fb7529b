package io.netloom.domain.network;

import static io.netloom.domain.Rejections.reason;
import static io.netloom.domain.TestData.ACCOUNT;
import static io.netloom.domain.TestData.OTHER_ACCOUNT;
import static io.netloom.domain.common.RejectionReason.INVALID_ARGUMENT;
import static io.netloom.domain.common.RejectionReason.NOT_FOUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.ids.NetworkId;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NetworkTest {

    private static final NetworkId NETWORK = new NetworkId("network-1");
    private static final NetworkDetails OFFICE = new NetworkDetails("office", "the office LAN");

    private FixtureConfiguration<Network> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Network.class);
    }

    @Test
    void createNetworkWhenValidThenCreated() {
        fixture.givenNoPriorActivity()
                .when(new CreateNetworkCommand(NETWORK, ACCOUNT, OFFICE))
                .expectEvents(new NetworkCreatedEvent(NETWORK, ACCOUNT, OFFICE));
    }

    @Test
    void createNetworkWhenNoDetailsThenRejected() {
        fixture.givenNoPriorActivity()
                .when(new CreateNetworkCommand(NETWORK, ACCOUNT, null))
                .expectException(reason(INVALID_ARGUMENT));
    }

    @Test
    void updateNetworkWhenChangedThenUpdated() {
        NetworkDetails renamed = new NetworkDetails("head office", "");
        fixture.given(new NetworkCreatedEvent(NETWORK, ACCOUNT, OFFICE))
                .when(new UpdateNetworkCommand(NETWORK, ACCOUNT, renamed))
                .expectEvents(new NetworkUpdatedEvent(NETWORK, ACCOUNT, renamed));
    }

    @Test
    void updateNetworkWhenUnchangedThenNoEvent() {
        fixture.given(new NetworkCreatedEvent(NETWORK, ACCOUNT, OFFICE))
                .when(new UpdateNetworkCommand(NETWORK, ACCOUNT, new NetworkDetails(" office ", "the office LAN")))
                .expectNoEvents();
    }

    @Test
    void updateNetworkWhenOtherAccountThenNotFound() {
        fixture.given(new NetworkCreatedEvent(NETWORK, ACCOUNT, OFFICE))
                .when(new UpdateNetworkCommand(NETWORK, OTHER_ACCOUNT, new NetworkDetails("mine", "")))
                .expectException(reason(NOT_FOUND));
    }

    @Test
    void deleteNetworkWhenOtherAccountThenNotFound() {
        fixture.given(new NetworkCreatedEvent(NETWORK, ACCOUNT, OFFICE))
                .when(new DeleteNetworkCommand(NETWORK, OTHER_ACCOUNT))
                .expectException(reason(NOT_FOUND));
    }

    @Test
    void deleteNetworkWhenExistsThenDeletedAndGoneAfterwards() {
        fixture.given(new NetworkCreatedEvent(NETWORK, ACCOUNT, OFFICE))
                .when(new DeleteNetworkCommand(NETWORK, ACCOUNT))
                .expectEvents(new NetworkDeletedEvent(NETWORK, ACCOUNT));
        fixture.given(new NetworkCreatedEvent(NETWORK, ACCOUNT, OFFICE), new NetworkDeletedEvent(NETWORK, ACCOUNT))
                .when(new DeleteNetworkCommand(NETWORK, ACCOUNT))
                .expectException(AggregateDeletedException.class);
    }

    @Test
    void networkDetailsWhenNameBlankThenRejected() {
        assertThatThrownBy(() -> new NetworkDetails("  ", ""))
                .isInstanceOf(CommandRejectedException.class).hasMessage("network name must not be empty");
    }

    @Test
    void networkDetailsWhenDescriptionTooLongThenRejected() {
        assertThatThrownBy(() -> new NetworkDetails("office", "x".repeat(NetworkDetails.MAX_DESCRIPTION_LENGTH + 1)))
                .isInstanceOf(CommandRejectedException.class)
                .hasMessage("network description must be at most 1024 characters");
    }

    @Test
    void networkDetailsWhenDescriptionAbsentThenEmpty() {
        assertThat(new NetworkDetails("office", null).description()).isEmpty();
    }
}
