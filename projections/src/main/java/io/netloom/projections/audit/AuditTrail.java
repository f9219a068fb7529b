package io.netloom.projections.audit;

import io.netloom.domain.account.AccountCreatedEvent;
import io.netloom.domain.account.AccountSettings;
import io.netloom.domain.account.AccountSettingsUpdatedEvent;
import io.netloom.domain.account.ScimTokenCreatedEvent;
import io.netloom.domain.account.ScimTokenRevokedEvent;
import io.netloom.domain.dns.DnsRecordCreatedEvent;
import io.netloom.domain.dns.DnsRecordDefinition;
import io.netloom.domain.dns.DnsRecordDeletedEvent;
import io.netloom.domain.dns.DnsRecordUpdatedEvent;
import io.netloom.domain.dns.DnsSettings;
import io.netloom.domain.dns.DnsSettingsUpdatedEvent;
import io.netloom.domain.dns.DnsZoneCreatedEvent;
import io.netloom.domain.dns.DnsZoneDefinition;
import io.netloom.domain.dns.DnsZoneDeletedEvent;
import io.netloom.domain.dns.DnsZoneUpdatedEvent;
import io.netloom.domain.dns.NameserverGroupCreatedEvent;
import io.netloom.domain.dns.NameserverGroupDefinition;
import io.netloom.domain.dns.NameserverGroupDeletedEvent;
import io.netloom.domain.dns.NameserverGroupUpdatedEvent;
import io.netloom.domain.group.GroupCreatedEvent;
import io.netloom.domain.group.GroupDeletedEvent;
import io.netloom.domain.group.GroupExternalIdSetEvent;
import io.netloom.domain.group.GroupRenamedEvent;
import io.netloom.domain.group.PeersAddedToGroupEvent;
import io.netloom.domain.group.PeersRemovedFromGroupEvent;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.DnsZoneId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.peer.LoginExpiryReason;
import io.netloom.domain.peer.PeerApprovedEvent;
import io.netloom.domain.peer.PeerDeletedEvent;
import io.netloom.domain.peer.PeerEnrolledEvent;
import io.netloom.domain.peer.PeerExtraDnsLabelsChangedEvent;
import io.netloom.domain.peer.PeerLoginExpiredEvent;
import io.netloom.domain.peer.PeerOverlayIpChangedEvent;
import io.netloom.domain.peer.PeerRenamedEvent;
import io.netloom.domain.peer.PeerSettingsChangedEvent;
import io.netloom.domain.network.NetworkCreatedEvent;
import io.netloom.domain.network.NetworkDeletedEvent;
import io.netloom.domain.network.NetworkResourceCreatedEvent;
import io.netloom.domain.network.NetworkResourceDeletedEvent;
import io.netloom.domain.network.NetworkResourceUpdatedEvent;
import io.netloom.domain.network.NetworkRouterCreatedEvent;
import io.netloom.domain.network.NetworkRouterDeletedEvent;
import io.netloom.domain.network.NetworkRouterUpdatedEvent;
import io.netloom.domain.network.ResourceDefinition;
import io.netloom.domain.network.NetworkUpdatedEvent;
import io.netloom.domain.policy.PolicyCreatedEvent;
import io.netloom.domain.policy.PolicyDeletedEvent;
import io.netloom.domain.policy.PolicyUpdatedEvent;
import io.netloom.domain.route.RouteCreatedEvent;
import io.netloom.domain.route.RouteDefinition;
import io.netloom.domain.route.RouteDeletedEvent;
import io.netloom.domain.route.RouteUpdatedEvent;
import io.netloom.domain.common.StableSets;
import io.netloom.domain.setupkey.SetupKeyAutoGroupsChangedEvent;
import io.netloom.domain.setupkey.SetupKeyCreatedEvent;
import io.netloom.domain.setupkey.SetupKeyDeletedEvent;
import io.netloom.domain.setupkey.SetupKeyRevokedEvent;
import io.netloom.domain.user.LocalPasswordSetEvent;
import io.netloom.domain.user.OffboardingCause;
import io.netloom.domain.user.PersonalAccessTokenCreatedEvent;
import io.netloom.domain.user.PersonalAccessTokenDeletedEvent;
import io.netloom.domain.user.UserAutoGroupsChangedEvent;
import io.netloom.domain.user.UserBlockedEvent;
import io.netloom.domain.user.UserCreatedEvent;
import io.netloom.domain.user.UserDeletedEvent;
import io.netloom.domain.user.UserExternalIdSetEvent;
import io.netloom.domain.user.UserIssuer;
import io.netloom.domain.user.UserLoggedInEvent;
import io.netloom.domain.user.UserRenamedEvent;
import io.netloom.domain.user.UserRoleChangedEvent;
import io.netloom.domain.user.UserSignedInEvent;
import io.netloom.domain.user.UserUnblockedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Describes domain events as NetBird activity events. Pure: the only outside knowledge it needs is
 * an account's settings before a settings change, to say what changed, and the names of groups such a change
 * names ({@link StateBefore}). Events that are bookkeeping
 * rather than someone's action (a setup key counting a use, refreshed peer metadata) describe
 * nothing; the peer's enrollment already tells that story.
 */
public final class AuditTrail {

    /** What the account looked like before the event being described. */
    public interface StateBefore {

        Optional<AccountSettings> accountSettings(AccountId account);

        DnsSettings dnsSettings(AccountId account);

        /** The group's name, when the group still exists. */
        Optional<String> groupName(AccountId account, GroupId group);
    }

    private final StateBefore before;

    public AuditTrail(StateBefore before) {
        this.before = before;
    }

    public List<AuditEntry> describe(Object event) {
        if (event instanceof AccountCreatedEvent e) {
            return one(e.accountId(), "account.create", "Account created", e.accountId().value(), Map.of());
        }
        if (event instanceof AccountSettingsUpdatedEvent e) {
            return settingsChanges(e);
        }
        if (event instanceof UserCreatedEvent e) {
            if (e.issued() == UserIssuer.INTEGRATION) {
                // NetBird's word for a person who came in through the identity provider (ADR 0022).
                return one(e.accountId(), "user.join", "User joined", e.userId().value(),
                        Map.of("email", e.email(), "role", e.role().wireName()));
            }
            return e.serviceUser()
                    ? one(e.accountId(), "service.user.create", "Service user created", e.userId().value(),
                            Map.of("name", e.name(), "role", e.role().wireName()))
                    : one(e.accountId(), "user.create", "User created", e.userId().value(),
                            Map.of("email", e.email(), "role", e.role().wireName()));
        }
        // NetBird has no words for SCIM; its "integration" activities are the nearest, and the message says which.
        if (event instanceof ScimTokenCreatedEvent e) {
            return one(e.accountId(), "integration.create", "SCIM token created", e.tokenId().value(),
                    Map.of("name", e.name(), "identity_provider", e.identityProvider()));
        }
        if (event instanceof ScimTokenRevokedEvent e) {
            return one(e.accountId(), "integration.delete", "SCIM token revoked", e.tokenId().value(), Map.of());
        }
        if (event instanceof UserRenamedEvent e) {
            return one(e.accountId(), "integration.update", "User renamed", e.userId().value(),
                    Map.of("name", e.name()));
        }
        if (event instanceof UserExternalIdSetEvent e) {
            return one(e.accountId(), "integration.update", "User external id set", e.userId().value(),
                    Map.of("external_id", e.externalId(), "identity_provider", e.identityProvider()));
        }
        if (event instanceof GroupExternalIdSetEvent e) {
            return one(e.accountId(), "group.update", "Group external id set", e.groupId().value(),
                    Map.of("external_id", e.externalId()));
        }
        if (event instanceof UserRoleChangedEvent e) {
            return one(e.accountId(), "user.role.update", "User role updated", e.userId().value(),
                    Map.of("role", e.role().wireName()));
        }
        if (event instanceof UserAutoGroupsChangedEvent e) {
            return one(e.accountId(), "user.group.add", "User auto-groups changed", e.userId().value(),
                    Map.of("groups", join(e.autoGroups())));
        }
        if (event instanceof UserLoggedInEvent e) {
            return logins(e);
        }
        if (event instanceof UserBlockedEvent e) {
            return one(e.accountId(), "user.block", "User blocked", e.userId().value(), causeOf(e.cause()));
        }
        if (event instanceof UserUnblockedEvent e) {
            return one(e.accountId(), "user.unblock", "User unblocked", e.userId().value(), causeOf(e.cause()));
        }
        if (event instanceof LocalPasswordSetEvent e) {
            return one(e.accountId(), "user.password.change", "User password changed", e.userId().value(),
                    Map.of("change_required", String.valueOf(e.changeRequired())));
        }
        if (event instanceof UserSignedInEvent e) {
            return one(e.accountId(), "dashboard.login", "User logged in", e.userId().value(),
                    Map.of("identity_provider", e.identityProvider(), "first_sign_in", String.valueOf(e.firstSignIn())));
        }
        if (event instanceof UserDeletedEvent e) {
            return one(e.accountId(), "user.delete", "User deleted", e.userId().value(), causeOf(e.cause()));
        }
        if (event instanceof PersonalAccessTokenCreatedEvent e) {
            return one(e.accountId(), "personal.access.token.create", "Personal access token created",
                    e.userId().value(), Map.of("name", e.name(), "token_id", e.tokenId().value()));
        }
        if (event instanceof PersonalAccessTokenDeletedEvent e) {
            return one(e.accountId(), "personal.access.token.delete", "Personal access token deleted",
                    e.userId().value(), Map.of("token_id", e.tokenId().value()));
        }
        if (event instanceof GroupCreatedEvent e) {
            return one(e.accountId(), "group.add", "Group created", e.groupId().value(), Map.of("name", e.name()));
        }
        if (event instanceof GroupRenamedEvent e) {
            return one(e.accountId(), "group.update", "Group updated", e.groupId().value(), Map.of("name", e.name()));
        }
        if (event instanceof PeersAddedToGroupEvent e) {
            return perPeer(e.accountId(), "peer.group.add", "Group added to peer", e.peerIds(), e.groupId().value());
        }
        if (event instanceof PeersRemovedFromGroupEvent e) {
            return perPeer(e.accountId(), "peer.group.delete", "Group removed from peer", e.peerIds(),
                    e.groupId().value());
        }
        if (event instanceof GroupDeletedEvent e) {
            return one(e.accountId(), "group.delete", "Group deleted", e.groupId().value(), Map.of());
        }
        if (event instanceof PeerEnrolledEvent e) {
            Map<String, String> meta = new TreeMap<>(
                    Map.of("name", e.name(), "ip", e.overlayIp(), "fqdn_label", e.dnsLabel().value()));
            if (!e.extraDnsLabels().isEmpty()) {
                meta.put("extra_dns_labels", String.join(",", e.extraDnsLabels().names()));
            }
            return e.enrolledByUser() != null
                    ? one(e.accountId(), "peer.user.add", "Peer added", e.peerId().value(), meta)
                    : one(e.accountId(), "peer.setupkey.add", "Peer added with setup key", e.peerId().value(), meta);
        }
        if (event instanceof PeerRenamedEvent e) {
            return one(e.accountId(), "peer.rename", "Peer renamed", e.peerId().value(),
                    Map.of("name", e.name(), "dns_label", e.dnsLabel().value()));
        }
        if (event instanceof PeerExtraDnsLabelsChangedEvent e) {
            // NetBird has no code of its own for it (its peers keep the labels they registered with) and its API
            // allows only its codes: a change of the names a peer answers to is closest to a rename (ADR 0046).
            return one(e.accountId(), "peer.rename", "Peer extra DNS labels updated", e.peerId().value(),
                    Map.of("extra_dns_labels", String.join(",", e.extraDnsLabels().names())));
        }
        if (event instanceof PeerSettingsChangedEvent e) {
            return one(e.accountId(), e.sshEnabled() ? "peer.ssh.enable" : "peer.ssh.disable",
                    "Peer settings changed", e.peerId().value(),
                    Map.of("ssh_enabled", String.valueOf(e.sshEnabled()),
                            "login_expiration_enabled", String.valueOf(e.loginExpirationEnabled()),
                            "inactivity_expiration_enabled", String.valueOf(e.inactivityExpirationEnabled())));
        }
        if (event instanceof PeerApprovedEvent e) {
            return one(e.accountId(), "peer.approve", "Peer approved", e.peerId().value(), Map.of());
        }
        if (event instanceof PeerOverlayIpChangedEvent e) {
            return one(e.accountId(), "peer.ip.update", "Peer IP updated", e.peerId().value(),
                    Map.of("ip", e.overlayIp()));
        }
        if (event instanceof PeerLoginExpiredEvent e) {
            return one(e.accountId(), "peer.login.expire", "Peer login expired", e.peerId().value(),
                    Map.of("reason", reasonOf(e.reason())));
        }
        if (event instanceof PeerDeletedEvent e) {
            return one(e.accountId(), "user.peer.delete", "Peer deleted", e.peerId().value(), Map.of());
        }
        if (event instanceof SetupKeyCreatedEvent e) {
            return one(e.accountId(), "setupkey.add", "Setup key created", e.setupKeyId().value(),
                    Map.of("name", e.name(), "type", e.type().wireName()));
        }
        if (event instanceof SetupKeyRevokedEvent e) {
            return one(e.accountId(), "setupkey.revoke", "Setup key revoked", e.setupKeyId().value(), Map.of());
        }
        if (event instanceof SetupKeyAutoGroupsChangedEvent e) {
            return one(e.accountId(), "setupkey.update", "Setup key updated", e.setupKeyId().value(),
                    Map.of("auto_groups", join(e.autoGroups())));
        }
        if (event instanceof SetupKeyDeletedEvent e) {
            return one(e.accountId(), "setupkey.delete", "Setup key deleted", e.setupKeyId().value(), Map.of());
        }
        if (event instanceof PolicyCreatedEvent e) {
            return one(e.accountId(), "policy.add", "Policy created", e.policyId().value(), Map.of("name", e.name()));
        }
        if (event instanceof PolicyUpdatedEvent e) {
            return one(e.accountId(), "policy.update", "Policy updated", e.policyId().value(),
                    Map.of("name", e.name(), "enabled", String.valueOf(e.enabled())));
        }
        if (event instanceof PolicyDeletedEvent e) {
            return one(e.accountId(), "policy.delete", "Policy deleted", e.policyId().value(), Map.of());
        }
        if (event instanceof RouteCreatedEvent e) {
            return one(e.accountId(), "route.add", "Route created", e.routeId().value(), routeMeta(e.definition()));
        }
        if (event instanceof RouteUpdatedEvent e) {
            return one(e.accountId(), "route.update", "Route updated", e.routeId().value(), routeMeta(e.definition()));
        }
        if (event instanceof RouteDeletedEvent e) {
            return one(e.accountId(), "route.delete", "Route deleted", e.routeId().value(), Map.of());
        }
        if (event instanceof NetworkCreatedEvent e) {
            return one(e.accountId(), "network.create", "Network created", e.networkId().value(),
                    Map.of("name", e.details().name()));
        }
        if (event instanceof NetworkUpdatedEvent e) {
            return one(e.accountId(), "network.update", "Network updated", e.networkId().value(),
                    Map.of("name", e.details().name()));
        }
        if (event instanceof NetworkDeletedEvent e) {
            return one(e.accountId(), "network.delete", "Network deleted", e.networkId().value(), Map.of());
        }
        if (event instanceof NetworkResourceCreatedEvent e) {
            return one(e.accountId(), "network.resource.create", "Network resource created",
                    e.resourceId().value(), resourceMeta(e.networkId().value(), e.definition()));
        }
        if (event instanceof NetworkResourceUpdatedEvent e) {
            return one(e.accountId(), "network.resource.update", "Network resource updated",
                    e.resourceId().value(), resourceMeta(e.networkId().value(), e.definition()));
        }
        if (event instanceof NetworkResourceDeletedEvent e) {
            return one(e.accountId(), "network.resource.delete", "Network resource deleted",
                    e.resourceId().value(), Map.of("network_id", e.networkId().value()));
        }
        if (event instanceof NetworkRouterCreatedEvent e) {
            return one(e.accountId(), "network.router.create", "Network router created", e.routerId().value(),
                    Map.of("network_id", e.networkId().value()));
        }
        if (event instanceof NetworkRouterUpdatedEvent e) {
            return one(e.accountId(), "network.router.update", "Network router updated", e.routerId().value(),
                    Map.of("network_id", e.networkId().value()));
        }
        if (event instanceof NetworkRouterDeletedEvent e) {
            return one(e.accountId(), "network.router.delete", "Network router deleted", e.routerId().value(),
                    Map.of("network_id", e.networkId().value()));
        }
        return dnsEntries(event);
    }

    private List<AuditEntry> dnsEntries(Object event) {
        if (event instanceof NameserverGroupCreatedEvent e) {
            return one(e.accountId(), "nameserver.group.add", "Nameserver group created",
                    e.nameserverGroupId().value(), nameserverGroupMeta(e.definition()));
        }
        if (event instanceof NameserverGroupUpdatedEvent e) {
            return one(e.accountId(), "nameserver.group.update", "Nameserver group updated",
                    e.nameserverGroupId().value(), nameserverGroupMeta(e.definition()));
        }
        if (event instanceof NameserverGroupDeletedEvent e) {
            return one(e.accountId(), "nameserver.group.delete", "Nameserver group deleted",
                    e.nameserverGroupId().value(), Map.of());
        }
        if (event instanceof DnsSettingsUpdatedEvent e) {
            return disabledManagementGroupChanges(e);
        }
        if (event instanceof DnsZoneCreatedEvent e) {
            return one(e.accountId(), "dns.zone.create", "DNS zone created", e.zoneId().value(), zoneMeta(e.definition()));
        }
        if (event instanceof DnsZoneUpdatedEvent e) {
            return one(e.accountId(), "dns.zone.update", "DNS zone updated", e.zoneId().value(), zoneMeta(e.definition()));
        }
        if (event instanceof DnsZoneDeletedEvent e) {
            return one(e.accountId(), "dns.zone.delete", "DNS zone deleted", e.zoneId().value(), zoneMeta(e.definition()));
        }
        if (event instanceof DnsRecordCreatedEvent e) {
            return one(e.accountId(), "dns.zone.record.create", "DNS zone record created", e.recordId().value(),
                    recordMeta(e.zoneId(), e.definition()));
        }
        if (event instanceof DnsRecordUpdatedEvent e) {
            return one(e.accountId(), "dns.zone.record.update", "DNS zone record updated", e.recordId().value(),
                    recordMeta(e.zoneId(), e.definition()));
        }
        if (event instanceof DnsRecordDeletedEvent e) {
            return one(e.accountId(), "dns.zone.record.delete", "DNS zone record deleted", e.recordId().value(),
                    recordMeta(e.zoneId(), e.definition()));
        }
        return List.of();
    }

    /** NetBird records one entry per group added to or removed from the disabled management groups. */
    private List<AuditEntry> disabledManagementGroupChanges(DnsSettingsUpdatedEvent event) {
        Set<GroupId> was = before.dnsSettings(event.accountId()).disabledManagementGroups();
        Set<GroupId> now = event.settings().disabledManagementGroups();
        List<AuditEntry> entries = new ArrayList<>();
        String target = event.accountId().value();
        StableSets.difference(now, was).forEach(group -> entries.add(entry(event.accountId(),
                "dns.setting.disabled.management.group.add", "Group added to disabled management DNS setting", target,
                groupMeta(event.accountId(), group))));
        StableSets.difference(was, now).forEach(group -> entries.add(entry(event.accountId(),
                "dns.setting.disabled.management.group.delete", "Group removed from disabled management DNS setting",
                target, groupMeta(event.accountId(), group))));
        return entries;
    }

    private Map<String, String> groupMeta(AccountId account, GroupId group) {
        return Map.of("group", before.groupName(account, group).orElse(""), "group_id", group.value());
    }

    private static Map<String, String> nameserverGroupMeta(NameserverGroupDefinition group) {
        return Map.of("name", group.name(), "primary", String.valueOf(group.primary()),
                "domains", String.join(",", group.domains()), "enabled", String.valueOf(group.enabled()));
    }

    private static Map<String, String> zoneMeta(DnsZoneDefinition zone) {
        return Map.of("name", zone.name(), "domain", zone.domain());
    }

    private static Map<String, String> recordMeta(DnsZoneId zone, DnsRecordDefinition record) {
        return Map.of("name", record.name(), "type", record.type().wireName(), "content", record.content(),
                "ttl", String.valueOf(record.ttl()), "zone_id", zone.value());
    }

    private static Map<String, String> resourceMeta(String networkId, ResourceDefinition resource) {
        return Map.of("network_id", networkId, "name", resource.name(), "address", resource.address().address(),
                "type", resource.address().type().wireName());
    }

    /** NetBird's route entries carry the network range and the route's name (its network_id). */
    private static Map<String, String> routeMeta(RouteDefinition route) {
        return Map.of("name", route.networkId(), "network_range", route.network().cidr(),
                "enabled", String.valueOf(route.enabled()));
    }

    /**
     * NetBird's records of a sign-in: the device it was on, and each group the claim made the user join or leave.
     * NetBird has no activity for an ignored claim, so the sign-in's own entry says why.
     */
    private static List<AuditEntry> logins(UserLoggedInEvent event) {
        List<AuditEntry> entries = new ArrayList<>();
        String user = event.userId().value();
        Map<String, String> meta = new TreeMap<>();
        if (!event.groupsClaimIgnoredBecause().isEmpty()) {
            meta.put("groups_claim_ignored", event.groupsClaimIgnoredBecause());
        }
        if (event.peerId() == null) {
            entries.add(entry(event.accountId(), "dashboard.login", "Dashboard login", user, meta));
        } else {
            meta.put("user_id", user);
            entries.add(entry(event.accountId(), "user.peer.login", "User logged in peer", event.peerId().value(),
                    meta));
        }
        event.joinedGroups().forEach(group -> entries.add(entry(event.accountId(), "user.group.add",
                "Group added to user", user, Map.of("group_id", group.value()))));
        event.leftGroups().forEach(group -> entries.add(entry(event.accountId(), "user.group.delete",
                "Group removed from user", user, Map.of("group_id", group.value()))));
        return entries;
    }

    private List<AuditEntry> settingsChanges(AccountSettingsUpdatedEvent event) {
        AccountSettings after = event.settings();
        AccountSettings before = this.before.accountSettings(event.accountId()).orElse(after);
        String target = event.accountId().value();
        List<AuditEntry> entries = new ArrayList<>();
        if (before.peerLoginExpirationEnabled() != after.peerLoginExpirationEnabled()) {
            entries.add(entry(event.accountId(), after.peerLoginExpirationEnabled()
                    ? "account.setting.peer.login.expiration.enable" : "account.setting.peer.login.expiration.disable",
                    "Peer login expiration toggled", target, Map.of()));
        }
        if (!before.peerLoginExpiration().equals(after.peerLoginExpiration())) {
            entries.add(entry(event.accountId(), "account.setting.peer.login.expiration.update",
                    "Peer login expiration updated", target,
                    Map.of("peer_login_expiration", String.valueOf(after.peerLoginExpiration().toSeconds()))));
        }
        if (before.peerInactivityExpirationEnabled() != after.peerInactivityExpirationEnabled()) {
            entries.add(entry(event.accountId(), after.peerInactivityExpirationEnabled()
                    ? "account.peer.inactivity.expiration.enable" : "account.peer.inactivity.expiration.disable",
                    "Peer inactivity expiration toggled", target, Map.of()));
        }
        if (!before.peerInactivityExpiration().equals(after.peerInactivityExpiration())) {
            entries.add(entry(event.accountId(), "account.peer.inactivity.expiration.update",
                    "Peer inactivity expiration updated", target, Map.of("peer_inactivity_expiration",
                            String.valueOf(after.peerInactivityExpiration().toSeconds()))));
        }
        if (before.peerApprovalRequired() != after.peerApprovalRequired()) {
            entries.add(entry(event.accountId(), after.peerApprovalRequired()
                    ? "account.setting.peer.approval.enable" : "account.setting.peer.approval.disable",
                    "Peer approval toggled", target, Map.of()));
        }
        if (!before.dnsDomain().equals(after.dnsDomain())) {
            entries.add(entry(event.accountId(), "account.dns.domain.update", "Account DNS domain updated", target,
                    Map.of("old_dns_domain", before.dnsDomain(), "new_dns_domain", after.dnsDomain())));
        }
        return entries;
    }

    private static List<AuditEntry> perPeer(AccountId account, String code, String activity,
            java.util.Set<? extends Object> peers, String groupId) {
        return peers.stream().map(peer -> entry(account, code, activity, peer.toString(), Map.of("group", groupId)))
                .toList();
    }

    private static List<AuditEntry> one(AccountId account, String code, String activity, String target,
            Map<String, String> meta) {
        return List.of(entry(account, code, activity, target, meta));
    }

    private static AuditEntry entry(AccountId account, String code, String activity, String target,
            Map<String, String> meta) {
        return new AuditEntry(account, code, activity, target, meta);
    }

    /** Which authority acted, as the access history needs it: "admin", "scim", "back_channel_logout"... */
    private static Map<String, String> causeOf(OffboardingCause cause) {
        return Map.of("cause", cause.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** The audit's word for why a login ended; {@code signed_out}: the person's session at their provider ended. */
    private static String reasonOf(LoginExpiryReason reason) {
        return switch (reason) {
            case LOGIN_EXPIRED -> "login";
            case INACTIVE -> "inactivity";
            case SIGNED_OUT -> "signed_out";
        };
    }

    private static String join(java.util.Collection<?> ids) {
        return String.join(",", ids.stream().map(Object::toString).toList());
    }
}
