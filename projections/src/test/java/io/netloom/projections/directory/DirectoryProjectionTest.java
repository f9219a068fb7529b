package io.netloom.projections.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.account.ScimTokenCreatedEvent;
import io.netloom.domain.account.ScimTokenRevokedEvent;
import io.netloom.domain.group.GroupCreatedEvent;
import io.netloom.domain.group.GroupIssuer;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.TokenId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.peer.LoginExpiryReason;
import io.netloom.domain.peer.PeerLoginExpiredEvent;
import io.netloom.domain.peer.PeerLoginRenewedEvent;
import io.netloom.domain.peer.PeerMetadata;
import io.netloom.domain.peer.PeerMetadataUpdatedEvent;
import io.netloom.domain.user.Role;
import io.netloom.domain.user.UserAutoGroupsChangedEvent;
import io.netloom.domain.user.UserCreatedEvent;
import io.netloom.domain.user.UserExternalIdSetEvent;
import io.netloom.domain.user.UserIssuer;
import java.time.Instant;
import java.util.Set;
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

    @Test
    void peerLoginExpiredWhenReplayedThenViewSaysExpiredUntilRenewed() {
        TestEvents events = new TestEvents();
        UserId alice = new UserId("alice");
        PeerId laptop = events.peer("laptop", alice);
        Instant later = TestEvents.NOW.plusSeconds(7200);

        events.projection().on(new PeerLoginExpiredEvent(laptop, TestEvents.ACCOUNT, LoginExpiryReason.LOGIN_EXPIRED,
                later));
        assertThat(events.records().peer(laptop).orElseThrow().loginExpired()).isTrue();

        events.projection().on(new PeerLoginRenewedEvent(laptop, TestEvents.ACCOUNT, alice, later));
        PeerView renewed = events.records().peer(laptop).orElseThrow();
        assertThat(renewed.loginExpired()).isFalse();
        assertThat(renewed.lastLogin()).isEqualTo(later);
    }

    @Test
    void peerEnrolledWhenByPersonThenInactivityExpirySwitchedOnAsInNetBird() {
        TestEvents events = new TestEvents();
        PeerId laptop = events.peer("laptop", new UserId("alice"));
        PeerId server = events.peer("server");

        assertThat(events.records().peer(laptop).orElseThrow().inactivityExpirationEnabled()).isTrue();
        assertThat(events.records().peer(server).orElseThrow().inactivityExpirationEnabled()).isFalse();
    }

    @Test
    void peerMetadataUpdatedWhenPersonsDeviceThenLastLoginKept() {
        TestEvents events = new TestEvents();
        PeerId laptop = events.peer("laptop", new UserId("alice"));

        events.projection().on(new PeerMetadataUpdatedEvent(laptop, TestEvents.ACCOUNT,
                new PeerMetadata("laptop", "linux", "6.2", "0.2")), TestEvents.NOW.plusSeconds(60));

        assertThat(events.records().peer(laptop).orElseThrow().lastLogin()).isEqualTo(TestEvents.NOW);
    }

    @Test
    void groupCreatedWhenIssuedByClaimThenViewSaysJwt() {
        TestEvents events = new TestEvents();
        GroupId engineering = new GroupId("group-eng");

        events.projection().on(new GroupCreatedEvent(engineering, TestEvents.ACCOUNT, "Engineering", false,
                GroupIssuer.JWT), TestEvents.NOW);

        assertThat(events.records().group(engineering).orElseThrow().issued()).isEqualTo(GroupIssuer.JWT);
        assertThat(events.records().groupSummary(engineering).orElseThrow().issued()).isEqualTo(GroupIssuer.JWT);
    }

    @Test
    void scimTokenWhenCreatedThenFoundByHashAndWhenRevokedThenGone() {
        TestEvents events = new TestEvents();
        TokenId id = new TokenId("scim-1");
        String hash = "sha256:" + "c".repeat(64);

        events.projection().on(new ScimTokenCreatedEvent(TestEvents.ACCOUNT, id, "entra", hash, "", new UserId("owner"),
                TestEvents.NOW, null));
        assertThat(events.directory().scimTokenByHash(hash)).map(ScimTokenView::accountId).contains(TestEvents.ACCOUNT);
        assertThat(events.records().scimTokens()).extracting(ScimTokenView::name).containsExactly("entra");

        events.projection().on(new ScimTokenRevokedEvent(TestEvents.ACCOUNT, id));
        assertThat(events.directory().scimTokenByHash(hash)).isEmpty();
        assertThat(events.records().scimTokens()).isEmpty();
    }

    @Test
    void externalIdWhenBoundToProviderThenSignInFindsTheUserAndTimesMove() {
        TestEvents events = new TestEvents();
        UserId alice = new UserId("alice");
        Instant later = TestEvents.NOW.plusSeconds(60);
        events.projection().on(new UserCreatedEvent(alice, TestEvents.ACCOUNT, "alice@example.com", "Alice",
                Role.USER, false, Set.of(), UserIssuer.INTEGRATION), TestEvents.NOW);

        events.projection().on(new UserExternalIdSetEvent(alice, TestEvents.ACCOUNT, "sub-1", "keycloak"), later);

        assertThat(events.records().externalIdOf(alice)).contains("sub-1");
        assertThat(events.directory().userByIdentity(new IdentityLink(TestEvents.ACCOUNT, "keycloak", "sub-1")))
                .map(UserView::id).contains(alice);
        assertThat(events.records().timesOf(alice.value()))
                .contains(new ResourceTimes(TestEvents.NOW, later));
    }

    @Test
    void externalIdWhenNotBoundToProviderThenNoIdentityLink() {
        TestEvents events = new TestEvents();
        UserId alice = new UserId("alice");
        events.projection().on(new UserCreatedEvent(alice, TestEvents.ACCOUNT, "alice@example.com", "Alice",
                Role.USER, false, Set.of(), UserIssuer.INTEGRATION), TestEvents.NOW);

        events.projection().on(new UserExternalIdSetEvent(alice, TestEvents.ACCOUNT, "sub-1", ""), TestEvents.NOW);

        assertThat(events.records().externalIdOf(alice)).contains("sub-1");
        assertThat(events.directory().userByIdentity(new IdentityLink(TestEvents.ACCOUNT, "", "sub-1"))).isEmpty();
    }

    @Test
    void autoGroupsChangedWhenUserJoinsAGroupThenTheGroupWasModifiedToo() {
        TestEvents events = new TestEvents();
        UserId alice = new UserId("alice");
        GroupId devs = events.group("devs");
        Instant later = TestEvents.NOW.plusSeconds(60);
        events.projection().on(new UserCreatedEvent(alice, TestEvents.ACCOUNT, "alice@example.com", "Alice",
                Role.USER, false, Set.of(), UserIssuer.INTEGRATION), TestEvents.NOW);

        events.projection().on(new UserAutoGroupsChangedEvent(alice, TestEvents.ACCOUNT, Set.of(devs)), later);

        assertThat(events.records().timesOf(devs.value())).contains(new ResourceTimes(TestEvents.NOW, later));
        assertThat(events.records().user(alice).orElseThrow().autoGroups()).containsExactly(devs);
    }
}
