package io.netloom.projections.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.ids.PeerId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DirectoryProjectionTest {

    @Test
    void peerEnrolledWhenReplayedThenPeerInAllGroupAndSetupKeyUseCounted() {
        TestEvents events = new TestEvents();
        PeerId laptop = events.peer("laptop");

        AccountRecords records = events.records();
        assertThat(records.groupsOf(laptop)).extracting(GroupSummary::name).containsExactly("All");
        assertThat(records.isOverlayIpTaken("100.64.0.1")).isTrue();
        assertThat(records.isDnsLabelTaken("laptop")).isTrue();
        assertThat(events.directory().peerByPublicKey(records.peer(laptop).orElseThrow().publicKey().base64()))
                .contains(new Directory.PeerRef(TestEvents.ACCOUNT, laptop));
    }

    @Test
    void setupKeyStateWhenUsedUpThenOverused() {
        SetupKeyView key = new SetupKeyView(TestEvents.SETUP_KEY, TestEvents.ACCOUNT, "k",
                io.netloom.domain.setupkey.SetupKeyType.ONE_OFF, "sha256:" + "0".repeat(64), "AAAAA****",
                TestEvents.NOW, TestEvents.NOW, TestEvents.NOW.plusSeconds(3600), 1, 0, null, false,
                java.util.Set.of(), false, false);

        assertThat(key.stateAt(TestEvents.NOW)).isEqualTo("valid");
        assertThat(key.used(TestEvents.NOW).stateAt(TestEvents.NOW)).isEqualTo("overused");
        assertThat(key.stateAt(Instant.parse("2030-01-01T00:00:00Z"))).isEqualTo("expired");
        assertThat(key.revokedAt(TestEvents.NOW).stateAt(TestEvents.NOW)).isEqualTo("revoked");
    }
}
