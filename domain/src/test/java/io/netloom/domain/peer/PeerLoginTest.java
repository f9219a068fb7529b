package io.netloom.domain.peer;

import static io.netloom.domain.Rejections.reason;
import static io.netloom.domain.TestData.ACCOUNT;
import static io.netloom.domain.TestData.NOW;
import static io.netloom.domain.common.RejectionReason.PERMISSION_DENIED;
import static io.netloom.domain.common.RejectionReason.PRECONDITION_FAILED;
import static io.netloom.domain.peer.LoginExpiryReason.INACTIVE;
import static io.netloom.domain.peer.LoginExpiryReason.LOGIN_EXPIRED;
import static io.netloom.domain.peer.LoginExpiryReason.SIGNED_OUT;
import static io.netloom.domain.peer.TestPeers.PEER;
import static io.netloom.domain.peer.TestPeers.USER;
import static io.netloom.domain.peer.TestPeers.enroll;
import static io.netloom.domain.peer.TestPeers.enrolled;

import io.netloom.domain.ids.UserId;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PeerLoginTest {

    private static final Duration DAY = Duration.ofHours(24);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Instant A_DAY_LATER = NOW.plus(DAY);

    private FixtureConfiguration<Peer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Peer.class);
    }

    private static PeerEnrolledEvent enrolledByUser() {
        return enroll().by(USER, null).event();
    }

    @Test
    void expirePeerLoginWhenLoginOlderThanExpirationThenExpired() {
        fixture.given(enrolledByUser())
                .when(new ExpirePeerLoginCommand(PEER, ACCOUNT, LOGIN_EXPIRED, DAY, A_DAY_LATER))
                .expectEvents(new PeerLoginExpiredEvent(PEER, ACCOUNT, LOGIN_EXPIRED, A_DAY_LATER));
    }

    @Test
    void expirePeerLoginWhenNotYetDueThenNothing() {
        fixture.given(enrolledByUser())
                .when(new ExpirePeerLoginCommand(PEER, ACCOUNT, LOGIN_EXPIRED, DAY, A_DAY_LATER.minusSeconds(1)))
                .expectNoEvents();
    }

    @Test
    void expirePeerLoginWhenRenewedMeanwhileThenNothing() {
        fixture.given(enrolledByUser(), new PeerLoginRenewedEvent(PEER, ACCOUNT, USER, NOW.plus(HOUR)))
                .when(new ExpirePeerLoginCommand(PEER, ACCOUNT, LOGIN_EXPIRED, DAY, A_DAY_LATER))
                .expectNoEvents();
    }

    @Test
    void expirePeerLoginWhenEnrolledWithSetupKeyThenNeverExpires() {
        fixture.given(enrolled())
                .when(new ExpirePeerLoginCommand(PEER, ACCOUNT, LOGIN_EXPIRED, DAY, A_DAY_LATER.plus(DAY)))
                .expectNoEvents();
    }

    @Test
    void expirePeerLoginWhenPeerSwitchedOffThenNothing() {
        fixture.given(enrolledByUser(), new PeerSettingsChangedEvent(PEER, ACCOUNT, false, false, false))
                .when(new ExpirePeerLoginCommand(PEER, ACCOUNT, LOGIN_EXPIRED, DAY, A_DAY_LATER))
                .expectNoEvents();
    }

    @Test
    void expirePeerLoginWhenAlreadyExpiredThenNothing() {
        fixture.given(enrolledByUser(), new PeerLoginExpiredEvent(PEER, ACCOUNT, LOGIN_EXPIRED, A_DAY_LATER))
                .when(new ExpirePeerLoginCommand(PEER, ACCOUNT, LOGIN_EXPIRED, DAY, A_DAY_LATER.plus(DAY)))
                .expectNoEvents();
    }

    @Test
    void expirePeerLoginWhenDisconnectedLongerThanInactivityThenExpired() {
        Instant disconnected = NOW.plus(HOUR);
        fixture.given(enrolledByUser(),
                        new PeerConnectedEvent(PEER, ACCOUNT, "session-1", "192.0.2.10", "0.1.0", NOW),
                        new PeerDisconnectedEvent(PEER, ACCOUNT, "session-1", disconnected))
                .when(new ExpirePeerLoginCommand(PEER, ACCOUNT, INACTIVE, HOUR, disconnected.plus(HOUR)))
                .expectEvents(new PeerLoginExpiredEvent(PEER, ACCOUNT, INACTIVE, disconnected.plus(HOUR)));
    }

    @Test
    void expirePeerLoginWhenConnectedThenNeverInactive() {
        fixture.given(enrolledByUser(),
                        new PeerConnectedEvent(PEER, ACCOUNT, "session-1", "192.0.2.10", "0.1.0", NOW))
                .when(new ExpirePeerLoginCommand(PEER, ACCOUNT, INACTIVE, HOUR, NOW.plus(DAY)))
                .expectNoEvents();
    }

    @Test
    void expirePeerLoginWhenEphemeralThenNeverInactive() {
        PeerEnrolledEvent ephemeral = new PeerEnrolledEvent(PEER, ACCOUNT, TestPeers.PUBLIC_KEY, TestPeers.METADATA,
                TestPeers.NAME, TestPeers.IP, TestPeers.LABEL, USER, null, false, false, true, NOW, ExtraDnsLabels.NONE,
                false);
        fixture.given(ephemeral)
                .when(new ExpirePeerLoginCommand(PEER, ACCOUNT, INACTIVE, HOUR, NOW.plus(DAY)))
                .expectNoEvents();
    }

    @Test
    void renewPeerLoginWhenExpiredThenRenewed() {
        fixture.given(enrolledByUser(), new PeerLoginExpiredEvent(PEER, ACCOUNT, LOGIN_EXPIRED, A_DAY_LATER))
                .when(new RenewPeerLoginCommand(PEER, ACCOUNT, USER, A_DAY_LATER.plus(HOUR)))
                .expectEvents(new PeerLoginRenewedEvent(PEER, ACCOUNT, USER, A_DAY_LATER.plus(HOUR)));
    }

    @Test
    void renewPeerLoginWhenRenewedThenExpiresAgainOnlyAfterNewPeriod() {
        Instant renewed = A_DAY_LATER.plus(HOUR);
        fixture.given(enrolledByUser(), new PeerLoginExpiredEvent(PEER, ACCOUNT, LOGIN_EXPIRED, A_DAY_LATER),
                        new PeerLoginRenewedEvent(PEER, ACCOUNT, USER, renewed))
                .when(new ExpirePeerLoginCommand(PEER, ACCOUNT, LOGIN_EXPIRED, DAY, renewed.plus(DAY)))
                .expectEvents(new PeerLoginExpiredEvent(PEER, ACCOUNT, LOGIN_EXPIRED, renewed.plus(DAY)));
    }

    @Test
    void renewPeerLoginWhenAnotherUserThenRejected() {
        fixture.given(enrolledByUser())
                .when(new RenewPeerLoginCommand(PEER, ACCOUNT, new UserId("mallory"), NOW.plus(HOUR)))
                .expectException(reason(PERMISSION_DENIED))
                .expectNoEvents();
    }

    @Test
    void renewPeerLoginWhenEnrolledWithSetupKeyThenRejected() {
        fixture.given(enrolled())
                .when(new RenewPeerLoginCommand(PEER, ACCOUNT, USER, NOW.plus(HOUR)))
                .expectException(reason(PRECONDITION_FAILED))
                .expectNoEvents();
    }

    @Test
    void endPeerLoginWhenPersonSignedInThenExpiredAsSignedOutWhateverTheDeadlines() {
        fixture.given(enrolledByUser(), new PeerSettingsChangedEvent(PEER, ACCOUNT, false, false, false))
                .when(new EndPeerLoginCommand(PEER, ACCOUNT, NOW.plus(HOUR)))
                .expectEvents(new PeerLoginExpiredEvent(PEER, ACCOUNT, SIGNED_OUT, NOW.plus(HOUR)));
    }

    @Test
    void endPeerLoginWhenAlreadyExpiredThenNothing() {
        fixture.given(enrolledByUser(), new PeerLoginExpiredEvent(PEER, ACCOUNT, INACTIVE, NOW.plus(HOUR)))
                .when(new EndPeerLoginCommand(PEER, ACCOUNT, A_DAY_LATER))
                .expectNoEvents();
    }

    @Test
    void endPeerLoginWhenEnrolledWithSetupKeyThenNothing() {
        fixture.given(enrolled())
                .when(new EndPeerLoginCommand(PEER, ACCOUNT, A_DAY_LATER))
                .expectNoEvents();
    }

    @Test
    void renewPeerLoginWhenSignedOutThenRestored() {
        fixture.given(enrolledByUser(), new PeerLoginExpiredEvent(PEER, ACCOUNT, SIGNED_OUT, NOW.plus(HOUR)))
                .when(new RenewPeerLoginCommand(PEER, ACCOUNT, USER, A_DAY_LATER))
                .expectEvents(new PeerLoginRenewedEvent(PEER, ACCOUNT, USER, A_DAY_LATER));
    }

    @Test
    void expirePeerLoginWhenReasonSignedOutThenNeverDue() {
        fixture.given(enrolledByUser())
                .when(new ExpirePeerLoginCommand(PEER, ACCOUNT, SIGNED_OUT, DAY, A_DAY_LATER.plus(DAY)))
                .expectNoEvents();
    }
}
