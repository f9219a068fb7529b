package io.netloom.domain.peer;

import static io.netloom.domain.Rejections.reason;
import static io.netloom.domain.TestData.ACCOUNT;
import static io.netloom.domain.TestData.OTHER_ACCOUNT;
import static io.netloom.domain.common.RejectionReason.INVALID_ARGUMENT;
import static io.netloom.domain.common.RejectionReason.NOT_FOUND;
import static io.netloom.domain.peer.TestPeers.PEER;
import static io.netloom.domain.peer.TestPeers.enrolled;

import io.netloom.domain.common.CommandRejectedException;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PeerPresenceTest {

    private static final Instant AT = Instant.parse("2026-11-25T12:00:00Z");
    private static final Instant LATER = AT.plusSeconds(60);

    private FixtureConfiguration<Peer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Peer.class);
    }

    @Test
    void recordPeerConnectedWhenValidThenPeerConnected() {
        fixture.given(enrolled())
                .when(new RecordPeerConnectedCommand(PEER, ACCOUNT, "s1", "192.0.2.10", "0.2.0", AT))
                .expectEvents(new PeerConnectedEvent(PEER, ACCOUNT, "s1", "192.0.2.10", "0.2.0", AT));
    }

    @Test
    void recordPeerConnectedWhenAddressMalformedThenRejected() {
        fixture.given(enrolled())
                .when(new RecordPeerConnectedCommand(PEER, ACCOUNT, "s1", "not-an-ip", "0.2.0", AT))
                .expectException(CommandRejectedException.class)
                .expectException(reason(INVALID_ARGUMENT));
    }

    @Test
    void recordPeerConnectedWhenSessionMissingThenRejected() {
        fixture.given(enrolled())
                .when(new RecordPeerConnectedCommand(PEER, ACCOUNT, " ", "192.0.2.10", "0.2.0", AT))
                .expectException(CommandRejectedException.class)
                .expectException(reason(INVALID_ARGUMENT));
    }

    @Test
    void recordPeerConnectedWhenOtherAccountThenRejected() {
        fixture.given(enrolled())
                .when(new RecordPeerConnectedCommand(PEER, OTHER_ACCOUNT, "s1", "192.0.2.10", "0.2.0", AT))
                .expectException(CommandRejectedException.class)
                .expectException(reason(NOT_FOUND));
    }

    @Test
    void recordPeerDisconnectedWhenCurrentSessionEndsThenPeerDisconnected() {
        fixture.given(enrolled(), new PeerConnectedEvent(PEER, ACCOUNT, "s1", "192.0.2.10", "0.2.0", AT))
                .when(new RecordPeerDisconnectedCommand(PEER, ACCOUNT, "s1", LATER))
                .expectEvents(new PeerDisconnectedEvent(PEER, ACCOUNT, "s1", LATER));
    }

    @Test
    void recordPeerDisconnectedWhenOlderSessionEndsAfterReconnectThenNothingChanges() {
        fixture.given(enrolled(), new PeerConnectedEvent(PEER, ACCOUNT, "s1", "192.0.2.10", "0.2.0", AT),
                        new PeerConnectedEvent(PEER, ACCOUNT, "s2", "192.0.2.11", "0.2.0", LATER))
                .when(new RecordPeerDisconnectedCommand(PEER, ACCOUNT, "s1", LATER))
                .expectNoEvents();
    }

    @Test
    void recordPeerDisconnectedWhenNotConnectedThenNothingChanges() {
        fixture.given(enrolled())
                .when(new RecordPeerDisconnectedCommand(PEER, ACCOUNT, "s1", LATER))
                .expectNoEvents();
    }

    @Test
    void recordPeerDisconnectedWhenTimeMissingThenRejected() {
        fixture.given(enrolled(), new PeerConnectedEvent(PEER, ACCOUNT, "s1", "192.0.2.10", "0.2.0", AT))
                .when(new RecordPeerDisconnectedCommand(PEER, ACCOUNT, "s1", null))
                .expectException(CommandRejectedException.class)
                .expectException(reason(INVALID_ARGUMENT));
    }
}
