package io.netloom.projections.directory;

import io.netloom.domain.account.AccountCreatedEvent;
import io.netloom.domain.account.AccountSettingsUpdatedEvent;
import io.netloom.domain.account.ScimTokenCreatedEvent;
import io.netloom.domain.account.ScimTokenRevokedEvent;
import io.netloom.domain.dns.DnsRecordCreatedEvent;
import io.netloom.domain.dns.DnsRecordDeletedEvent;
import io.netloom.domain.dns.DnsRecordUpdatedEvent;
import io.netloom.domain.dns.DnsSettingsUpdatedEvent;
import io.netloom.domain.dns.DnsZoneCreatedEvent;
import io.netloom.domain.dns.DnsZoneDeletedEvent;
import io.netloom.domain.dns.DnsZoneUpdatedEvent;
import io.netloom.domain.dns.NameserverGroupCreatedEvent;
import io.netloom.domain.dns.NameserverGroupDeletedEvent;
import io.netloom.domain.dns.NameserverGroupUpdatedEvent;
import io.netloom.domain.group.GroupCreatedEvent;
import io.netloom.domain.group.GroupDeletedEvent;
import io.netloom.domain.group.GroupExternalIdSetEvent;
import io.netloom.domain.group.GroupRenamedEvent;
import io.netloom.domain.group.PeersAddedToGroupEvent;
import io.netloom.domain.group.PeersRemovedFromGroupEvent;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.peer.PeerApprovedEvent;
import io.netloom.domain.peer.PeerConnectedEvent;
import io.netloom.domain.peer.PeerDeletedEvent;
import io.netloom.domain.peer.PeerDisconnectedEvent;
import io.netloom.domain.peer.PeerEnrolledEvent;
import io.netloom.domain.peer.PeerExtraDnsLabelsChangedEvent;
import io.netloom.domain.peer.PeerLoginExpiredEvent;
import io.netloom.domain.peer.PeerLoginRenewedEvent;
import io.netloom.domain.peer.PeerLoginStanding;
import io.netloom.domain.peer.PeerMetadataUpdatedEvent;
import io.netloom.domain.peer.PeerOverlayIpChangedEvent;
import io.netloom.domain.peer.PeerRenamedEvent;
import io.netloom.domain.peer.PeerSettingsChangedEvent;
import io.netloom.domain.policy.PolicyCreatedEvent;
import io.netloom.domain.policy.PolicyDeletedEvent;
import io.netloom.domain.policy.PolicyUpdatedEvent;
import io.netloom.domain.network.NetworkCreatedEvent;
import io.netloom.domain.network.NetworkDeletedEvent;
import io.netloom.domain.network.NetworkResourceCreatedEvent;
import io.netloom.domain.network.NetworkResourceDeletedEvent;
import io.netloom.domain.network.NetworkResourceUpdatedEvent;
import io.netloom.domain.network.NetworkRouterCreatedEvent;
import io.netloom.domain.network.NetworkRouterDeletedEvent;
import io.netloom.domain.network.NetworkRouterUpdatedEvent;
import io.netloom.domain.network.NetworkUpdatedEvent;
import io.netloom.domain.route.RouteCreatedEvent;
import io.netloom.domain.route.RouteDeletedEvent;
import io.netloom.domain.route.RouteUpdatedEvent;
import io.netloom.domain.setupkey.SetupKeyAutoGroupsChangedEvent;
import io.netloom.domain.setupkey.SetupKeyCreatedEvent;
import io.netloom.domain.setupkey.SetupKeyDeletedEvent;
import io.netloom.domain.setupkey.SetupKeyRevokedEvent;
import io.netloom.domain.user.LocalPasswordSetEvent;
import io.netloom.domain.user.PersonalAccessTokenCreatedEvent;
import io.netloom.domain.user.PersonalAccessTokenDeletedEvent;
import io.netloom.domain.user.UserAutoGroupsChangedEvent;
import io.netloom.domain.user.UserBlockedEvent;
import io.netloom.domain.user.UserCreatedEvent;
import io.netloom.domain.user.UserDeletedEvent;
import io.netloom.domain.user.UserExternalIdSetEvent;
import io.netloom.domain.user.UserRenamedEvent;
import io.netloom.domain.user.UserRoleChangedEvent;
import io.netloom.domain.user.UserSignedInEvent;
import io.netloom.domain.user.UserUnblockedEvent;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;

/**
 * Keeps the {@link Directory} in step with the event stream. Every change is applied only once the
 * unit of work that handles the event has committed (see {@link AfterCommit}), so readers never see
 * half a batch. In the server a tracking processor of the {@link #PROCESSING_GROUP} group feeds it,
 * in every process; other views of the same group may read the directory as it was before an event.
 */
@ProcessingGroup(DirectoryProjection.PROCESSING_GROUP)
public final class DirectoryProjection {

    public static final String PROCESSING_GROUP = "read-model";

    private final Directory directory;

    public DirectoryProjection(Directory directory) {
        this.directory = directory;
    }

    @EventHandler
    void on(AccountCreatedEvent event, @Timestamp Instant at) {
        AfterCommit.run(() -> directory.addAccount(new AccountView(
                event.accountId(), event.createdBy(), event.domain(), event.network(), event.settings(), at)));
    }

    @EventHandler
    void on(AccountSettingsUpdatedEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId())
                .replaceAccount(account -> account.withSettings(event.settings())));
    }

    // ---- users

    @EventHandler
    void on(UserCreatedEvent event, @Timestamp Instant at) {
        AfterCommit.run(() -> {
            directory.records(event.accountId()).putUser(new UserView(event.userId(), event.accountId(),
                    event.email(), event.name(), event.role(), event.serviceUser(), event.autoGroups(), null, at,
                    null, event.issued()));
            directory.records(event.accountId()).touch(event.userId().value(), at);
            directory.indexUser(event.userId(), event.accountId());
        });
    }

    @EventHandler
    void on(UserRoleChangedEvent event, @Timestamp Instant at) {
        AfterCommit.run(() -> changeUser(event.accountId(), event.userId(), at, user -> user.withRole(event.role())));
    }

    @EventHandler
    void on(UserAutoGroupsChangedEvent event, @Timestamp Instant at) {
        AfterCommit.run(() -> {
            AccountRecords records = directory.records(event.accountId());
            // A SCIM group's members are the users whose auto-groups hold it: the groups joined or left changed too.
            records.user(event.userId()).ifPresent(before -> {
                Set<GroupId> moved = new HashSet<>(before.autoGroups());
                moved.addAll(event.autoGroups());
                moved.removeIf(group -> before.autoGroups().contains(group) && event.autoGroups().contains(group));
                moved.stream().filter(group -> records.groupSummary(group).isPresent())
                        .forEach(group -> records.touch(group.value(), at));
            });
            changeUser(event.accountId(), event.userId(), at, user -> user.withAutoGroups(event.autoGroups()));
        });
    }

    @EventHandler
    void on(UserBlockedEvent event, @Timestamp Instant at) {
        AfterCommit.run(() -> changeUser(event.accountId(), event.userId(), at, user -> user.withBlockedBy(event.cause())));
    }

    @EventHandler
    void on(UserUnblockedEvent event, @Timestamp Instant at) {
        AfterCommit.run(() -> changeUser(event.accountId(), event.userId(), at, user -> user.withBlockedBy(null)));
    }

    @EventHandler
    void on(UserRenamedEvent event, @Timestamp Instant at) {
        AfterCommit.run(() -> changeUser(event.accountId(), event.userId(), at, user -> user.withName(event.name())));
    }

    /** A provider-bound external id is the person's subject there: their first sign-in finds this user (ADR 0026). */
    @EventHandler
    void on(UserExternalIdSetEvent event, @Timestamp Instant at) {
        AfterCommit.run(() -> {
            AccountRecords records = directory.records(event.accountId());
            records.setExternalId(event.userId(), event.externalId());
            records.touch(event.userId().value(), at);
            if (!event.identityProvider().isEmpty()) {
                directory.linkIdentity(new IdentityLink(event.accountId(), event.identityProvider(),
                        event.externalId()), event.userId());
            }
        });
    }

    private void changeUser(AccountId account, UserId user, Instant at, UnaryOperator<UserView> change) {
        AccountRecords records = directory.records(account);
        records.changeUser(user, change);
        records.touch(user.value(), at);
    }

    @EventHandler
    void on(ScimTokenCreatedEvent event) {
        AfterCommit.run(() -> {
            ScimTokenView token = new ScimTokenView(event.tokenId(), event.accountId(), event.name(),
                    event.tokenHash(), event.identityProvider(), event.createdBy(), event.createdAt(),
                    event.expiresAt());
            directory.records(event.accountId()).putScimToken(token);
            directory.indexScimToken(token);
        });
    }

    @EventHandler
    void on(ScimTokenRevokedEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId()).removeScimToken(event.tokenId())
                .ifPresent(directory::unindexScimToken));
    }

    @EventHandler
    void on(UserDeletedEvent event) {
        AfterCommit.run(() -> {
            directory.records(event.accountId()).removeUser(event.userId()).forEach(directory::unindexToken);
            directory.unindexUser(event.userId());
            directory.removeLocalCredentialOf(event.userId());
            directory.unlinkIdentitiesOf(event.userId());
        });
    }

    @EventHandler
    void on(LocalPasswordSetEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId()).user(event.userId()).ifPresent(user ->
                directory.putLocalCredential(new LocalCredential(user.id(), user.accountId(), user.email(),
                        event.passwordHash(), event.changeRequired()))));
    }

    @EventHandler
    void on(UserSignedInEvent event) {
        AfterCommit.run(() -> {
            directory.records(event.accountId())
                    .changeUser(event.userId(), user -> user.withLastLogin(event.signedInAt()));
            directory.linkIdentity(new IdentityLink(event.accountId(), event.identityProvider(), event.subject()),
                    event.userId());
        });
    }

    @EventHandler
    void on(PersonalAccessTokenCreatedEvent event) {
        AfterCommit.run(() -> {
            TokenView token = new TokenView(event.tokenId(), event.userId(), event.accountId(), event.name(),
                    event.tokenHash(), event.createdAt(), event.expiresAt(), event.createdBy());
            directory.records(event.accountId()).putToken(token);
            directory.indexToken(token);
        });
    }

    @EventHandler
    void on(PersonalAccessTokenDeletedEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId())
                .removeToken(event.userId(), event.tokenId())
                .ifPresent(directory::unindexToken));
    }

    // ---- groups

    @EventHandler
    void on(GroupCreatedEvent event, @Timestamp Instant at) {
        AfterCommit.run(() -> {
            AccountRecords records = directory.records(event.accountId());
            records.putGroup(new GroupView(event.groupId(), event.accountId(), event.name(), event.builtIn(),
                    event.issued(), Set.of()));
            records.touch(event.groupId().value(), at);
        });
    }

    @EventHandler
    void on(GroupRenamedEvent event, @Timestamp Instant at) {
        AfterCommit.run(() -> {
            AccountRecords records = directory.records(event.accountId());
            records.renameGroup(event.groupId(), event.name());
            records.touch(event.groupId().value(), at);
        });
    }

    @EventHandler
    void on(GroupExternalIdSetEvent event, @Timestamp Instant at) {
        AfterCommit.run(() -> {
            AccountRecords records = directory.records(event.accountId());
            records.setExternalId(event.groupId(), event.externalId());
            records.touch(event.groupId().value(), at);
        });
    }

    @EventHandler
    void on(PeersAddedToGroupEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId()).addToGroup(event.groupId(), event.peerIds()));
    }

    @EventHandler
    void on(PeersRemovedFromGroupEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId())
                .removeFromGroup(event.groupId(), event.peerIds()));
    }

    @EventHandler
    void on(GroupDeletedEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId()).removeGroup(event.groupId()));
    }

    // ---- peers

    /**
     * Every peer is in the All group by definition, and its enrollment is one use of its setup key.
     * The use is counted last: whoever sees the key used up then also finds the peer by its key, so a
     * device enrolling again at that moment gets its peer back, not a refusal.
     */
    @EventHandler
    void on(PeerEnrolledEvent event) {
        AfterCommit.run(() -> {
            AccountRecords records = directory.records(event.accountId());
            records.putPeer(new PeerView(event.peerId(), event.accountId(),
                    event.publicKey(), event.metadata(), event.name(), event.overlayIp(), event.dnsLabel(),
                    event.enrolledByUser(), event.enrolledWithSetupKey(), event.approvalRequired(), false,
                    event.loginExpirationEnabled(), PeerLoginStanding.inactivityExpirationAtEnrollment(event),
                    event.ephemeral(), event.enrolledAt(), event.enrolledAt(), false, event.extraDnsLabels(),
                    event.allowExtraDnsLabels()));
            records.builtInGroup().ifPresent(all -> records.addToGroup(all.id(), Set.of(event.peerId())));
            directory.indexPeer(event.publicKey().base64(), new Directory.PeerRef(event.accountId(), event.peerId()));
            if (event.enrolledWithSetupKey() != null) {
                records.changeSetupKey(event.enrolledWithSetupKey(), key -> key.used(event.enrolledAt()));
            }
        });
    }

    @EventHandler
    void on(PeerRenamedEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId())
                .changePeer(event.peerId(), peer -> peer.renamed(event.name(), event.dnsLabel())));
    }

    @EventHandler
    void on(PeerExtraDnsLabelsChangedEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId())
                .changePeer(event.peerId(), peer -> peer.withExtraDnsLabels(event.extraDnsLabels())));
    }

    @EventHandler
    void on(PeerSettingsChangedEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId()).changePeer(event.peerId(),
                peer -> peer.withSettings(event.sshEnabled(), event.loginExpirationEnabled(),
                        event.inactivityExpirationEnabled())));
    }

    @EventHandler
    void on(PeerApprovedEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId()).changePeer(event.peerId(), PeerView::approved));
    }

    @EventHandler
    void on(PeerOverlayIpChangedEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId())
                .changePeer(event.peerId(), peer -> peer.withOverlayIp(event.overlayIp())));
    }

    @EventHandler
    void on(PeerMetadataUpdatedEvent event, @Timestamp Instant at) {
        AfterCommit.run(() -> directory.records(event.accountId())
                .changePeer(event.peerId(), peer -> peer.withMetadata(event.metadata(), at)));
    }

    @EventHandler
    void on(PeerLoginExpiredEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId())
                .changePeer(event.peerId(), peer -> peer.withLoginExpired(true)));
    }

    @EventHandler
    void on(PeerLoginRenewedEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId())
                .changePeer(event.peerId(), peer -> peer.loggedIn(event.at())));
    }

    @EventHandler
    void on(PeerConnectedEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId()).changePresence(event.peerId(),
                before -> new PeerPresence(true, event.connectedAt(), event.connectionIp(), event.sessionId())));
    }

    @EventHandler
    void on(PeerDisconnectedEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId()).changePresence(event.peerId(),
                before -> new PeerPresence(false, event.disconnectedAt(), before.connectionIp(), "")));
    }

    @EventHandler
    void on(PeerDeletedEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId()).removePeer(event.peerId())
                .ifPresent(peer -> directory.unindexPeer(peer.publicKey().base64())));
    }

    // ---- setup keys

    @EventHandler
    void on(SetupKeyCreatedEvent event) {
        AfterCommit.run(() -> {
            directory.records(event.accountId()).putSetupKey(new SetupKeyView(event.setupKeyId(),
                    event.accountId(), event.name(), event.type(), event.keyHash(), event.maskedKey(),
                    event.createdAt(), event.createdAt(), event.expiresAt(), event.usageLimit(), 0, null, false,
                    event.autoGroups(), event.ephemeral(), event.allowExtraDnsLabels()));
            directory.indexSetupKey(event.keyHash(), new Directory.SetupKeyRef(event.accountId(), event.setupKeyId()));
        });
    }


    @EventHandler
    void on(SetupKeyRevokedEvent event, @Timestamp Instant at) {
        AfterCommit.run(() -> directory.records(event.accountId())
                .changeSetupKey(event.setupKeyId(), key -> key.revokedAt(at)));
    }

    @EventHandler
    void on(SetupKeyAutoGroupsChangedEvent event, @Timestamp Instant at) {
        AfterCommit.run(() -> directory.records(event.accountId())
                .changeSetupKey(event.setupKeyId(), key -> key.withAutoGroups(event.autoGroups(), at)));
    }

    @EventHandler
    void on(SetupKeyDeletedEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId()).removeSetupKey(event.setupKeyId())
                .ifPresent(key -> directory.unindexSetupKey(key.keyHash())));
    }

    // ---- policies

    @EventHandler
    void on(PolicyCreatedEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId()).putPolicy(new PolicyView(event.policyId(),
                event.accountId(), event.name(), event.description(), event.enabled(), event.rules())));
    }

    @EventHandler
    void on(PolicyUpdatedEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId()).putPolicy(new PolicyView(event.policyId(),
                event.accountId(), event.name(), event.description(), event.enabled(), event.rules())));
    }

    @EventHandler
    void on(PolicyDeletedEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId()).removePolicy(event.policyId()));
    }

    // ---- routes

    @EventHandler
    void on(RouteCreatedEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId())
                .putRoute(new RouteView(event.routeId(), event.accountId(), event.definition())));
    }

    @EventHandler
    void on(RouteUpdatedEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId())
                .putRoute(new RouteView(event.routeId(), event.accountId(), event.definition())));
    }

    @EventHandler
    void on(RouteDeletedEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId()).removeRoute(event.routeId()));
    }

    // ---- networks

    @EventHandler
    void on(NetworkCreatedEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId())
                .putNetwork(new NetworkView(event.networkId(), event.accountId(), event.details())));
    }

    @EventHandler
    void on(NetworkUpdatedEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId())
                .putNetwork(new NetworkView(event.networkId(), event.accountId(), event.details())));
    }

    @EventHandler
    void on(NetworkDeletedEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId()).removeNetwork(event.networkId()));
    }

    @EventHandler
    void on(NetworkResourceCreatedEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId()).putNetworkResource(new NetworkResourceView(
                event.resourceId(), event.networkId(), event.accountId(), event.definition())));
    }

    @EventHandler
    void on(NetworkResourceUpdatedEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId()).putNetworkResource(new NetworkResourceView(
                event.resourceId(), event.networkId(), event.accountId(), event.definition())));
    }

    @EventHandler
    void on(NetworkResourceDeletedEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId()).removeNetworkResource(event.resourceId()));
    }

    @EventHandler
    void on(NetworkRouterCreatedEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId()).putNetworkRouter(new NetworkRouterView(
                event.routerId(), event.networkId(), event.accountId(), event.definition())));
    }

    @EventHandler
    void on(NetworkRouterUpdatedEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId()).putNetworkRouter(new NetworkRouterView(
                event.routerId(), event.networkId(), event.accountId(), event.definition())));
    }

    @EventHandler
    void on(NetworkRouterDeletedEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId()).removeNetworkRouter(event.routerId()));
    }

    // ---- DNS

    @EventHandler
    void on(NameserverGroupCreatedEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId()).putNameserverGroup(
                new NameserverGroupView(event.nameserverGroupId(), event.accountId(), event.definition())));
    }

    @EventHandler
    void on(NameserverGroupUpdatedEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId()).putNameserverGroup(
                new NameserverGroupView(event.nameserverGroupId(), event.accountId(), event.definition())));
    }

    @EventHandler
    void on(NameserverGroupDeletedEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId()).removeNameserverGroup(event.nameserverGroupId()));
    }

    @EventHandler
    void on(DnsSettingsUpdatedEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId()).putDnsSettings(event.settings()));
    }

    @EventHandler
    void on(DnsZoneCreatedEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId()).putDnsZone(event.zoneId(), event.definition()));
    }

    @EventHandler
    void on(DnsZoneUpdatedEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId()).putDnsZone(event.zoneId(), event.definition()));
    }

    @EventHandler
    void on(DnsZoneDeletedEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId()).removeDnsZone(event.zoneId()));
    }

    @EventHandler
    void on(DnsRecordCreatedEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId())
                .putDnsRecord(event.zoneId(), event.recordId(), event.definition()));
    }

    @EventHandler
    void on(DnsRecordUpdatedEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId())
                .putDnsRecord(event.zoneId(), event.recordId(), event.definition()));
    }

    @EventHandler
    void on(DnsRecordDeletedEvent event) {
        AfterCommit.run(() -> directory.records(event.accountId()).removeDnsRecord(event.zoneId(), event.recordId()));
    }
}
