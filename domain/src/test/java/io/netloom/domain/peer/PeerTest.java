package io.netloom.domain.peer;

import static io.netloom.domain.Rejections.reason;
import static io.netloom.domain.TestData.ACCOUNT;
import static io.netloom.domain.TestData.OTHER_ACCOUNT;
import static io.netloom.domain.common.RejectionReason.INVALID_ARGUMENT;
import static io.netloom.domain.common.RejectionReason.NOT_FOUND;
import static io.netloom.domain.common.RejectionReason.PRECONDITION_FAILED;
import static io.netloom.domain.peer.TestPeers.METADATA;
import static io.netloom.domain.peer.TestPeers.PEER;
import static io.netloom.domain.peer.TestPeers.SETUP_KEY;
import static io.netloom.domain.peer.TestPeers.USER;
import static io.netloom.domain.peer.TestPeers.enroll;
import static io.netloom.domain.peer.TestPeers.enrolled;
import static io.netloom.domain.peer.TestPeers.enrolledPendingApproval;
import static io.netloom.domain.peer.TestPeers.update;

import io.netloom.domain.common.CommandRejectedException;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PeerTest {

    private static final DnsLabel NEW_LABEL = new DnsLabel("work-laptop");
    private static final PeerMetadata NEW_METADATA = new PeerMetadata("laptop", "linux", "6.9.1", "0.2.0");

    private FixtureConfiguration<Peer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Peer.class);
    }

    @Test
    void enrollPeerWhenWithSetupKeyThenPeerEnrolled() {
        fixture.givenNoPriorActivity()
                .when(enroll().command())
                .expectEvents(enrolled());
    }

    @Test
    void enrollPeerWhenByUserThenPeerEnrolled() {
        fixture.givenNoPriorActivity()
                .when(enroll().by(USER, null).command())
                .expectEvents(enroll().by(USER, null).event());
    }

    @Test
    void enrollPeerWhenNamePaddedThenTrimmed() {
        fixture.givenNoPriorActivity()
                .when(enroll().name("  laptop ").command())
                .expectEvents(enrolled());
    }

    @Test
    void enrollPeerWhenBothUserAndSetupKeyThenRejected() {
        fixture.givenNoPriorActivity()
                .when(enroll().by(USER, SETUP_KEY).command())
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage(
                        "a peer must be enrolled either by a user or with a setup key, exactly one of the two")
                .expectException(reason(INVALID_ARGUMENT));
    }

    @Test
    void enrollPeerWhenNeitherUserNorSetupKeyThenRejected() {
        fixture.givenNoPriorActivity()
                .when(enroll().by(null, null).command())
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage(
                        "a peer must be enrolled either by a user or with a setup key, exactly one of the two");
    }

    @Test
    void enrollPeerWhenOverlayIpMalformedThenRejected() {
        fixture.givenNoPriorActivity()
                .when(enroll().overlayIp("100.64.0.256").command())
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("overlay IP must be an IPv4 address in dotted-quad form")
                .expectException(reason(INVALID_ARGUMENT));
    }

    @Test
    void enrollPeerWhenNameBlankThenRejected() {
        fixture.givenNoPriorActivity()
                .when(enroll().name(" ").command())
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("peer name must not be empty");
    }

    @Test
    void enrollPeerWhenPublicKeyMissingThenRejected() {
        fixture.givenNoPriorActivity()
                .when(enroll().publicKey(null).command())
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("WireGuard public key must be provided");
    }

    @Test
    void updatePeerWhenUnchangedThenNoEvents() {
        fixture.given(enrolled())
                .when(update().command())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void updatePeerWhenRenamedThenPeerRenamed() {
        fixture.given(enrolled())
                .when(update().name("work laptop").command())
                .expectEvents(new PeerRenamedEvent(PEER, ACCOUNT, "work laptop", TestPeers.LABEL));
    }

    @Test
    void updatePeerWhenOnlyDnsLabelChangedThenPeerRenamed() {
        fixture.given(enrolled())
                .when(update().dnsLabel(NEW_LABEL).command())
                .expectEvents(new PeerRenamedEvent(PEER, ACCOUNT, TestPeers.NAME, NEW_LABEL));
    }

    @Test
    void updatePeerWhenSettingsChangedThenSettingsChanged() {
        fixture.given(enrolled())
                .when(update().sshEnabled(true).inactivityExpirationEnabled(true).command())
                .expectEvents(new PeerSettingsChangedEvent(PEER, ACCOUNT, true, true, true));
    }

    @Test
    void updatePeerWhenLoginExpirationDisabledThenSettingsChanged() {
        fixture.given(enrolled())
                .when(update().loginExpirationEnabled(false).command())
                .expectEvents(new PeerSettingsChangedEvent(PEER, ACCOUNT, false, false, false));
    }

    @Test
    void updatePeerWhenSettingsRestatedAfterChangeThenNoEvents() {
        fixture.given(enrolled(), new PeerSettingsChangedEvent(PEER, ACCOUNT, true, false, true))
                .when(update().sshEnabled(true).loginExpirationEnabled(false).inactivityExpirationEnabled(true)
                        .command())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void updatePeerWhenPendingPeerApprovedThenPeerApproved() {
        fixture.given(enrolledPendingApproval())
                .when(update().approvalRequired(false).command())
                .expectEvents(new PeerApprovedEvent(PEER, ACCOUNT));
    }

    @Test
    void updatePeerWhenPendingPeerStaysPendingThenNoEvents() {
        fixture.given(enrolledPendingApproval())
                .when(update().approvalRequired(true).command())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void updatePeerWhenApprovedPeerMadePendingThenRejected() {
        fixture.given(enrolled())
                .when(update().approvalRequired(true).command())
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("an approved peer cannot be made pending again")
                .expectException(reason(PRECONDITION_FAILED));
    }

    @Test
    void updatePeerWhenApprovedBeforeThenCannotBeMadePending() {
        fixture.given(enrolledPendingApproval(), new PeerApprovedEvent(PEER, ACCOUNT))
                .when(update().approvalRequired(true).command())
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("an approved peer cannot be made pending again");
    }

    @Test
    void updatePeerWhenOverlayIpChangedThenOverlayIpChanged() {
        fixture.given(enrolled())
                .when(update().overlayIp("100.64.0.9").command())
                .expectEvents(new PeerOverlayIpChangedEvent(PEER, ACCOUNT, "100.64.0.9"));
    }

    @Test
    void updatePeerWhenOverlayIpMalformedThenRejected() {
        fixture.given(enrolled())
                .when(update().overlayIp("100.64.0").command())
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("overlay IP must be an IPv4 address in dotted-quad form")
                .expectException(reason(INVALID_ARGUMENT));
    }

    @Test
    void updatePeerWhenDnsLabelMissingThenRejected() {
        fixture.given(enrolled())
                .when(update().dnsLabel(null).command())
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("DNS label must be provided");
    }

    @Test
    void updatePeerWhenEverythingChangedThenOneEventPerAspect() {
        fixture.given(enrolledPendingApproval())
                .when(update().name("work").dnsLabel(NEW_LABEL).sshEnabled(true).approvalRequired(false)
                        .overlayIp("100.64.0.9").command())
                .expectEvents(
                        new PeerRenamedEvent(PEER, ACCOUNT, "work", NEW_LABEL),
                        new PeerSettingsChangedEvent(PEER, ACCOUNT, true, true, false),
                        new PeerApprovedEvent(PEER, ACCOUNT),
                        new PeerOverlayIpChangedEvent(PEER, ACCOUNT, "100.64.0.9"));
    }

    @Test
    void updatePeerWhenOtherAccountThenNotFound() {
        fixture.given(enrolled())
                .when(update().accountId(OTHER_ACCOUNT).name("stolen").command())
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("peer not found")
                .expectException(reason(NOT_FOUND));
    }

    @Test
    void updatePeerWhenDeletedThenFails() {
        fixture.given(enrolled(), new PeerDeletedEvent(PEER, ACCOUNT))
                .when(update().name("again").command())
                .expectException(AggregateDeletedException.class);
    }

    @Test
    void updatePeerMetadataWhenChangedThenMetadataUpdated() {
        fixture.given(enrolled())
                .when(new UpdatePeerMetadataCommand(PEER, ACCOUNT, NEW_METADATA))
                .expectEvents(new PeerMetadataUpdatedEvent(PEER, ACCOUNT, NEW_METADATA));
    }

    @Test
    void updatePeerMetadataWhenUnchangedThenNoEvents() {
        fixture.given(enrolled())
                .when(new UpdatePeerMetadataCommand(PEER, ACCOUNT, METADATA))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void updatePeerMetadataWhenSameAsLastReportThenNoEvents() {
        fixture.given(enrolled(), new PeerMetadataUpdatedEvent(PEER, ACCOUNT, NEW_METADATA))
                .when(new UpdatePeerMetadataCommand(PEER, ACCOUNT, NEW_METADATA))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void updatePeerMetadataWhenMissingThenRejected() {
        fixture.given(enrolled())
                .when(new UpdatePeerMetadataCommand(PEER, ACCOUNT, null))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("peer metadata must be provided")
                .expectException(reason(INVALID_ARGUMENT));
    }

    @Test
    void updatePeerMetadataWhenOtherAccountThenNotFound() {
        fixture.given(enrolled())
                .when(new UpdatePeerMetadataCommand(PEER, OTHER_ACCOUNT, NEW_METADATA))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("peer not found")
                .expectException(reason(NOT_FOUND));
    }

    @Test
    void updatePeerMetadataWhenDeletedThenFails() {
        fixture.given(enrolled(), new PeerDeletedEvent(PEER, ACCOUNT))
                .when(new UpdatePeerMetadataCommand(PEER, ACCOUNT, NEW_METADATA))
                .expectException(AggregateDeletedException.class);
    }

    @Test
    void deletePeerWhenEnrolledThenPeerDeleted() {
        fixture.given(enrolled())
                .when(new DeletePeerCommand(PEER, ACCOUNT))
                .expectEvents(new PeerDeletedEvent(PEER, ACCOUNT))
                .expectMarkedDeleted();
    }

    @Test
    void deletePeerWhenOtherAccountThenNotFound() {
        fixture.given(enrolled())
                .when(new DeletePeerCommand(PEER, OTHER_ACCOUNT))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("peer not found")
                .expectException(reason(NOT_FOUND));
    }

    @Test
    void deletePeerWhenAlreadyDeletedThenFails() {
        fixture.given(enrolled(), new PeerDeletedEvent(PEER, ACCOUNT))
                .when(new DeletePeerCommand(PEER, ACCOUNT))
                .expectException(AggregateDeletedException.class);
    }

    @Test
    void enrollPeerWhenExtraLabelsAndKeyAllowsThemThenEnrolledWithThem() {
        fixture.givenNoPriorActivity()
                .when(enroll().extraDnsLabels(true, "Stage-DB").command())
                .expectEvents(enroll().extraDnsLabels(true, "stage-db").event());
    }

    @Test
    void enrollPeerWhenExtraLabelsAndKeyDoesNotAllowThemThenPreconditionFailed() {
        fixture.givenNoPriorActivity()
                .when(enroll().extraDnsLabels(false, "stage-db").command())
                .expectNoEvents()
                .expectExceptionMessage("setup key doesn't allow extra DNS labels")
                .expectException(reason(PRECONDITION_FAILED));
    }

    @Test
    void setExtraDnsLabelsWhenAllowedAndDifferentThenChanged() {
        fixture.given(enroll().extraDnsLabels(true, "a").event())
                .when(new SetPeerExtraDnsLabelsCommand(PEER, ACCOUNT, ExtraDnsLabels.of(java.util.List.of("b", "a"))))
                .expectEvents(new PeerExtraDnsLabelsChangedEvent(PEER, ACCOUNT,
                        ExtraDnsLabels.of(java.util.List.of("a", "b"))));
    }

    @Test
    void setExtraDnsLabelsWhenSameThenNothingRecorded() {
        fixture.given(enroll().extraDnsLabels(true, "a", "b").event())
                .when(new SetPeerExtraDnsLabelsCommand(PEER, ACCOUNT, ExtraDnsLabels.of(java.util.List.of("B", "a"))))
                .expectNoEvents();
    }

    @Test
    void setExtraDnsLabelsWhenNotAllowedThenPreconditionFailedAndNothingRecorded() {
        fixture.given(enrolled())
                .when(new SetPeerExtraDnsLabelsCommand(PEER, ACCOUNT, ExtraDnsLabels.of(java.util.List.of("a"))))
                .expectNoEvents()
                .expectException(reason(PRECONDITION_FAILED));
    }

    @Test
    void setExtraDnsLabelsWhenClearedThenChangedEvenAfterReplayOfChange() {
        fixture.given(enroll().extraDnsLabels(true, "a").event(),
                        new PeerExtraDnsLabelsChangedEvent(PEER, ACCOUNT, ExtraDnsLabels.of(java.util.List.of("b"))))
                .when(new SetPeerExtraDnsLabelsCommand(PEER, ACCOUNT, ExtraDnsLabels.NONE))
                .expectEvents(new PeerExtraDnsLabelsChangedEvent(PEER, ACCOUNT, ExtraDnsLabels.NONE));
    }

    @Test
    void setExtraDnsLabelsWhenAnotherAccountThenNotFound() {
        fixture.given(enroll().extraDnsLabels(true).event())
                .when(new SetPeerExtraDnsLabelsCommand(PEER, OTHER_ACCOUNT, ExtraDnsLabels.NONE))
                .expectException(reason(NOT_FOUND));
    }
}
