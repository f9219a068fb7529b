package io.netloom.server.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.group.Group;
import io.netloom.domain.group.GroupCreatedEvent;
import io.netloom.domain.group.GroupExternalIdSetEvent;
import io.netloom.domain.group.GroupIssuer;
import io.netloom.domain.group.GroupRenamedEvent;
import io.netloom.domain.group.PeersAddedToGroupEvent;
import io.netloom.domain.group.PeersRemovedFromGroupEvent;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.TokenId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.peer.DnsLabel;
import io.netloom.domain.peer.ExtraDnsLabels;
import io.netloom.domain.peer.LoginExpiryReason;
import io.netloom.domain.peer.Peer;
import io.netloom.domain.peer.PeerApprovedEvent;
import io.netloom.domain.peer.PeerConnectedEvent;
import io.netloom.domain.peer.PeerDisconnectedEvent;
import io.netloom.domain.peer.PeerEnrolledEvent;
import io.netloom.domain.peer.PeerExtraDnsLabelsChangedEvent;
import io.netloom.domain.peer.PeerLoginExpiredEvent;
import io.netloom.domain.peer.PeerLoginRenewedEvent;
import io.netloom.domain.peer.PeerMetadata;
import io.netloom.domain.peer.PeerMetadataUpdatedEvent;
import io.netloom.domain.peer.PeerOverlayIpChangedEvent;
import io.netloom.domain.peer.PeerRenamedEvent;
import io.netloom.domain.peer.PeerSettingsChangedEvent;
import io.netloom.domain.peer.WireguardPublicKey;
import io.netloom.domain.user.OffboardingCause;
import io.netloom.domain.user.PersonalAccessTokenCreatedEvent;
import io.netloom.domain.user.PersonalAccessTokenDeletedEvent;
import io.netloom.domain.user.Role;
import io.netloom.domain.user.User;
import io.netloom.domain.user.UserAutoGroupsChangedEvent;
import io.netloom.domain.user.UserBlockedEvent;
import io.netloom.domain.user.UserCreatedEvent;
import io.netloom.domain.user.UserExternalIdSetEvent;
import io.netloom.domain.user.UserIssuer;
import io.netloom.domain.user.UserLoggedInEvent;
import io.netloom.domain.user.UserRenamedEvent;
import io.netloom.domain.user.UserRoleChangedEvent;
import io.netloom.domain.user.UserSignedInEvent;
import io.netloom.domain.user.UserUnblockedEvent;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/**
 * For each snapshotted aggregate, and a snapshot taken after every prefix of a history that sets every field:
 * the snapshot read back through the event store's serializer, plus the rest of the events, equals the aggregate
 * built from all the events. Events also go through the serializer, as they do when loaded from the store, so the
 * types of the fields can be compared strictly (a snapshot's set must be as mutable as the one the events made).
 */
class AggregateSnapshotsTest {

    private static final AccountId ACCOUNT = new AccountId("account-1");
    private static final WireguardPublicKey KEY =
            new WireguardPublicKey("AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    /**
     * The fields each snapshotted aggregate had at its current snapshot revision. A changed field changes what
     * an old snapshot means: raise the aggregate's {@code @Revision}, then update the entry here.
     */
    private static final Map<Class<?>, String> SNAPSHOT_SHAPES = Map.of(
            Peer.class, "1: PeerId peerId, AccountId accountId, String name, DnsLabel dnsLabel, "
                    + "ExtraDnsLabels extraDnsLabels, boolean allowExtraDnsLabels, String overlayIp, "
                    + "PeerMetadata metadata, boolean sshEnabled, boolean loginExpirationEnabled, "
                    + "boolean inactivityExpirationEnabled, boolean approvalRequired, String currentSession, "
                    + "UserId enrolledByUser, Instant lastLogin, Instant lastSeen, boolean loginExpired",
            Group.class, "1: GroupId groupId, AccountId accountId, String name, boolean builtIn, Set peers, "
                    + "String externalId",
            User.class, "1: UserId userId, AccountId accountId, Role role, Set autoGroups, "
                    + "OffboardingCause blockedBy, boolean serviceUser, String name, String externalIdentity, "
                    + "Set tokens, Set linkedIdentities");

    private final Serializer serializer =
            JacksonSerializer.builder().objectMapper(new AxonConfiguration().defaultAxonObjectMapper()).build();

    @Test
    void snapshottedAggregatesWhenListedThenPeerUserAndGroup() {
        assertThat(AggregatesConfiguration.SNAPSHOTTED).containsExactlyInAnyOrderElementsOf(SNAPSHOT_SHAPES.keySet());
    }

    @Test
    void snapshotShapeWhenFieldsChangeThenRevisionRaisedWithThem() {
        SNAPSHOT_SHAPES.forEach((type, shape) -> assertThat(shapeOf(type))
                .as("%s changed: raise its @Revision and record the new shape here", type.getSimpleName())
                .isEqualTo(shape));
    }

    @Test
    void peerWhenSnapshotAtAnyEventThenSnapshotAndRestEqualAllEvents() {
        PeerId peer = new PeerId("peer-1");
        UserId owner = new UserId("user-1");
        List<Object> history = List.of(
                new PeerEnrolledEvent(peer, ACCOUNT, KEY,
                        new PeerMetadata("laptop", "linux", "6.1", "0.1.0"), "laptop", "100.64.0.7",
                        new DnsLabel("laptop"), owner, null, true, true, false, T0,
                        new ExtraDnsLabels(List.of("build")), true),
                new PeerConnectedEvent(peer, ACCOUNT, "session-1", "203.0.113.7", "0.1.0", T0.plusSeconds(1)),
                new PeerDisconnectedEvent(peer, ACCOUNT, "session-1", T0.plusSeconds(2)),
                new PeerRenamedEvent(peer, ACCOUNT, "desk", new DnsLabel("desk")),
                new PeerSettingsChangedEvent(peer, ACCOUNT, true, false, true),
                new PeerApprovedEvent(peer, ACCOUNT),
                new PeerOverlayIpChangedEvent(peer, ACCOUNT, "100.64.0.9"),
                new PeerMetadataUpdatedEvent(peer, ACCOUNT, new PeerMetadata("desk", "linux", "6.2", "0.2.0")),
                new PeerExtraDnsLabelsChangedEvent(peer, ACCOUNT, new ExtraDnsLabels(List.of("ci", "web"))),
                new PeerLoginExpiredEvent(peer, ACCOUNT, LoginExpiryReason.LOGIN_EXPIRED, T0.plusSeconds(3)),
                new PeerLoginRenewedEvent(peer, ACCOUNT, owner, T0.plusSeconds(4)),
                new PeerConnectedEvent(peer, ACCOUNT, "session-2", "203.0.113.8", "0.2.0", T0.plusSeconds(5)),
                new PeerLoginExpiredEvent(peer, ACCOUNT, LoginExpiryReason.INACTIVE, T0.plusSeconds(6)));

        assertSnapshotAnywhereEqualsAllEvents(Peer::new, "peer-1", history);
    }

    @Test
    void groupWhenSnapshotAtAnyEventThenSnapshotAndRestEqualAllEvents() {
        GroupId group = new GroupId("group-1");
        PeerId a = new PeerId("peer-a");
        PeerId b = new PeerId("peer-b");
        PeerId c = new PeerId("peer-c");
        List<Object> history = List.of(
                new GroupCreatedEvent(group, ACCOUNT, "Devs", false, GroupIssuer.API),
                new PeersAddedToGroupEvent(group, ACCOUNT, Set.of(a, b)),
                new GroupRenamedEvent(group, ACCOUNT, "Developers"),
                new PeersRemovedFromGroupEvent(group, ACCOUNT, Set.of(a)),
                new GroupExternalIdSetEvent(group, ACCOUNT, "ext-7"),
                new PeersAddedToGroupEvent(group, ACCOUNT, Set.of(c, a)),
                new PeersRemovedFromGroupEvent(group, ACCOUNT, Set.of(b)));

        assertSnapshotAnywhereEqualsAllEvents(Group::new, "group-1", history);
    }

    @Test
    void userWhenSnapshotAtAnyEventThenSnapshotAndRestEqualAllEvents() {
        UserId user = new UserId("user-1");
        GroupId staff = new GroupId("staff");
        GroupId ops = new GroupId("ops");
        TokenId first = new TokenId("token-1");
        TokenId second = new TokenId("token-2");
        String hash = "0".repeat(64);
        List<Object> history = List.of(
                new UserCreatedEvent(user, ACCOUNT, "ada@example.com", "Ada", Role.USER, false, Set.of(staff),
                        UserIssuer.INTEGRATION),
                new UserSignedInEvent(user, ACCOUNT, "https://idp.example.com", "sub-1", true, T0),
                new UserLoggedInEvent(user, ACCOUNT, new PeerId("peer-1"), List.of("Staff", "Ops"), null,
                        Set.of(ops), Set.of(), T0.plusSeconds(1)),
                new UserAutoGroupsChangedEvent(user, ACCOUNT, Set.of(staff, ops)),
                new PersonalAccessTokenCreatedEvent(user, ACCOUNT, first, "ci", hash, T0, T0.plusSeconds(3600), user),
                new UserExternalIdSetEvent(user, ACCOUNT, "ext-1", "https://scim.example.com"),
                new UserRenamedEvent(user, ACCOUNT, "Ada L."),
                new UserRoleChangedEvent(user, ACCOUNT, Role.ADMIN),
                new UserBlockedEvent(user, ACCOUNT, OffboardingCause.SCIM),
                new PersonalAccessTokenCreatedEvent(user, ACCOUNT, second, "cli", hash, T0, T0.plusSeconds(60), user),
                new PersonalAccessTokenDeletedEvent(user, ACCOUNT, first),
                new UserUnblockedEvent(user, ACCOUNT, OffboardingCause.SCIM),
                new UserSignedInEvent(user, ACCOUNT, "https://idp.example.com", "sub-2", true, T0.plusSeconds(9)),
                new UserBlockedEvent(user, ACCOUNT, OffboardingCause.ADMIN));

        assertSnapshotAnywhereEqualsAllEvents(User::new, "user-1", history);
    }

    @Test
    void snapshotWhenSerializedThenCarriesAggregateClassAndRevision() {
        SerializedObject<byte[]> snapshot = serializer.serialize(new Peer(), byte[].class);

        assertThat(snapshot.getType().getName()).isEqualTo(Peer.class.getName());
        assertThat(snapshot.getType().getRevision()).isEqualTo("1");
    }

    private <T> void assertSnapshotAnywhereEqualsAllEvents(Supplier<T> empty, String id, List<Object> history) {
        List<Object> stored = history.stream().map(this::throughSerializer).toList();
        T allEvents = AggregateReplay.apply(empty.get(), id, 0, stored);
        assertThat(allEvents).as("the history sets every field").hasNoNullFieldsOrProperties();
        for (int cut = 1; cut < stored.size(); cut++) {
            T snapshot = throughSerializer(AggregateReplay.apply(empty.get(), id, 0, stored.subList(0, cut)));
            T loaded = AggregateReplay.apply(snapshot, id, cut, stored.subList(cut, stored.size()));

            assertThat(loaded).as("snapshot after %d of %d events", cut, stored.size())
                    .usingRecursiveComparison().withStrictTypeChecking().ignoringCollectionOrder()
                    .isEqualTo(allEvents);
        }
    }

    private <T> T throughSerializer(T value) {
        return serializer.deserialize(serializer.serialize(value, byte[].class));
    }

    private static String shapeOf(Class<?> type) {
        String fields = Arrays.stream(type.getDeclaredFields())
                .filter(field -> !Modifier.isStatic(field.getModifiers()))
                .map(field -> field.getType().getSimpleName() + " " + field.getName())
                .collect(Collectors.joining(", "));
        return type.getAnnotation(Revision.class).value() + ": " + fields;
    }
}
