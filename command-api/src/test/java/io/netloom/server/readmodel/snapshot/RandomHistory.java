package io.netloom.server.readmodel.snapshot;

import io.netloom.domain.account.AccountCreatedEvent;
import io.netloom.domain.account.AccountSettings;
import io.netloom.domain.account.AccountSettingsUpdatedEvent;
import io.netloom.domain.account.ScimTokenCreatedEvent;
import io.netloom.domain.account.ScimTokenRevokedEvent;
import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.dns.DnsRecordCreatedEvent;
import io.netloom.domain.dns.DnsRecordDefinition;
import io.netloom.domain.dns.DnsRecordDeletedEvent;
import io.netloom.domain.dns.DnsRecordType;
import io.netloom.domain.dns.DnsSettings;
import io.netloom.domain.dns.DnsSettingsUpdatedEvent;
import io.netloom.domain.dns.DnsZoneCreatedEvent;
import io.netloom.domain.dns.DnsZoneDefinition;
import io.netloom.domain.dns.DnsZoneDeletedEvent;
import io.netloom.domain.dns.Nameserver;
import io.netloom.domain.dns.NameserverGroupCreatedEvent;
import io.netloom.domain.dns.NameserverGroupDefinition;
import io.netloom.domain.dns.NameserverGroupDeletedEvent;
import io.netloom.domain.group.GroupCreatedEvent;
import io.netloom.domain.group.GroupDeletedEvent;
import io.netloom.domain.group.GroupExternalIdSetEvent;
import io.netloom.domain.group.GroupIssuer;
import io.netloom.domain.group.GroupRenamedEvent;
import io.netloom.domain.group.PeersAddedToGroupEvent;
import io.netloom.domain.group.PeersRemovedFromGroupEvent;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.DnsRecordId;
import io.netloom.domain.ids.DnsZoneId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.NameserverGroupId;
import io.netloom.domain.ids.NetworkId;
import io.netloom.domain.ids.NetworkResourceId;
import io.netloom.domain.ids.NetworkRouterId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.PolicyId;
import io.netloom.domain.ids.PolicyRuleId;
import io.netloom.domain.ids.RouteId;
import io.netloom.domain.ids.SetupKeyId;
import io.netloom.domain.ids.TokenId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.network.NetworkCreatedEvent;
import io.netloom.domain.network.NetworkDeletedEvent;
import io.netloom.domain.network.NetworkDetails;
import io.netloom.domain.network.NetworkResourceCreatedEvent;
import io.netloom.domain.network.NetworkResourceDeletedEvent;
import io.netloom.domain.network.NetworkRouterCreatedEvent;
import io.netloom.domain.network.NetworkRouterDeletedEvent;
import io.netloom.domain.network.ResourceAddress;
import io.netloom.domain.network.ResourceDefinition;
import io.netloom.domain.network.RouterDefinition;
import io.netloom.domain.peer.DnsLabel;
import io.netloom.domain.peer.ExtraDnsLabels;
import io.netloom.domain.peer.LoginExpiryReason;
import io.netloom.domain.peer.PeerApprovedEvent;
import io.netloom.domain.peer.PeerConnectedEvent;
import io.netloom.domain.peer.PeerDeletedEvent;
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
import io.netloom.domain.policy.PolicyCreatedEvent;
import io.netloom.domain.policy.PolicyDeletedEvent;
import io.netloom.domain.policy.PolicyRule;
import io.netloom.domain.policy.PolicyUpdatedEvent;
import io.netloom.domain.policy.PortRange;
import io.netloom.domain.policy.Protocol;
import io.netloom.domain.route.RouteCreatedEvent;
import io.netloom.domain.route.RouteDefinition;
import io.netloom.domain.route.RouteDeletedEvent;
import io.netloom.domain.route.RoutePrefix;
import io.netloom.domain.setupkey.SetupKeyAutoGroupsChangedEvent;
import io.netloom.domain.setupkey.SetupKeyCreatedEvent;
import io.netloom.domain.setupkey.SetupKeyDeletedEvent;
import io.netloom.domain.setupkey.SetupKeyRevokedEvent;
import io.netloom.domain.setupkey.SetupKeyType;
import io.netloom.domain.user.LocalPasswordSetEvent;
import io.netloom.domain.user.OffboardingCause;
import io.netloom.domain.user.PersonalAccessTokenCreatedEvent;
import io.netloom.domain.user.PersonalAccessTokenDeletedEvent;
import io.netloom.domain.user.Role;
import io.netloom.domain.user.UserAutoGroupsChangedEvent;
import io.netloom.domain.user.UserBlockedEvent;
import io.netloom.domain.user.UserCreatedEvent;
import io.netloom.domain.user.UserDeletedEvent;
import io.netloom.domain.user.UserExternalIdSetEvent;
import io.netloom.domain.user.UserIssuer;
import io.netloom.domain.user.UserRenamedEvent;
import io.netloom.domain.user.UserRoleChangedEvent;
import io.netloom.domain.user.UserSignedInEvent;
import io.netloom.domain.user.UserUnblockedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;

/**
 * Random histories of two accounts with every kind of event the directory and the network maps handle, among few
 * users, groups, peers, keys, policies, routes, networks and DNS objects, so that the same names are created, changed,
 * deleted and created again. Events may name what does not (or no longer) exist, as late or concurrent ones do.
 * Every message carries its own timestamp, one second apart.
 */
final class RandomHistory {

    private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");
    private static final List<AccountId> ACCOUNTS = List.of(new AccountId("acc-1"), new AccountId("acc-2"));

    private final Random random;
    private final List<EventMessage<?>> events = new ArrayList<>();
    /** Policies, routes and networks created so far (per name, both accounts): the next one updates or deletes. */
    private final Set<String> created = new HashSet<>();
    private int counter;

    private RandomHistory(Random random) {
        this.random = random;
    }

    static List<EventMessage<?>> of(long seed, int length) {
        RandomHistory history = new RandomHistory(new Random(seed));
        for (AccountId account : ACCOUNTS) {
            history.add(new AccountCreatedEvent(account, user(account, 0), "", Ipv4Network.DEFAULT,
                    AccountSettings.defaults()));
            history.add(new GroupCreatedEvent(all(account), account, "All", true, GroupIssuer.API));
        }
        while (history.events.size() < length) {
            history.add(history.next(history.pick(ACCOUNTS)));
        }
        return history.events;
    }

    private void add(Object payload) {
        events.add(new GenericEventMessage<>("event-" + events.size(), payload, Map.of(),
                START.plusSeconds(events.size())));
    }

    private Object next(AccountId account) {
        UserId user = user(account, random.nextInt(4));
        GroupId group = group(account, random.nextInt(4));
        PeerId peer = peer(account, random.nextInt(6));
        Instant at = START.plusSeconds(events.size());
        return switch (random.nextInt(42)) {
            case 0, 1 -> new UserCreatedEvent(user, account, user.value() + "@example.com", "u", pick(Role.values()),
                    random.nextInt(4) == 0, someGroups(account), pick(UserIssuer.values()));
            case 2 -> new UserRoleChangedEvent(user, account, pick(Role.values()));
            case 3 -> new UserAutoGroupsChangedEvent(user, account, someGroups(account));
            case 4 -> new UserBlockedEvent(user, account, pick(OffboardingCause.values()));
            case 5 -> new UserUnblockedEvent(user, account, pick(OffboardingCause.values()));
            case 6 -> new UserRenamedEvent(user, account, "name " + ++counter);
            case 7 -> new UserExternalIdSetEvent(user, account, "ext-" + ++counter, "idp");
            case 8 -> new UserDeletedEvent(user, account, pick(OffboardingCause.values()));
            case 9 -> new LocalPasswordSetEvent(user, account, "$2a$hash" + ++counter, random.nextBoolean());
            case 10 -> new UserSignedInEvent(user, account, "idp", "subject-" + random.nextInt(3), random.nextBoolean(), at);
            case 11 -> new PersonalAccessTokenCreatedEvent(user, account, token(account), "t", "hash-" + ++counter, at,
                    at.plusSeconds(86_400), user);
            case 12 -> new PersonalAccessTokenDeletedEvent(user, account, token(account));
            case 13 -> random.nextBoolean()
                    ? new ScimTokenCreatedEvent(account, token(account), "scim", "scim-hash-" + ++counter, "idp", user,
                            at, at.plusSeconds(86_400))
                    : new ScimTokenRevokedEvent(account, token(account));
            case 14 -> new GroupCreatedEvent(group, account, "group " + group.value(), false, pick(GroupIssuer.values()));
            case 15 -> random.nextBoolean() ? new GroupRenamedEvent(group, account, "renamed " + ++counter)
                    : new GroupExternalIdSetEvent(group, account, "gext-" + ++counter);
            case 16 -> new GroupDeletedEvent(group, account);
            case 17, 18, 19 -> new PeersAddedToGroupEvent(group, account, somePeers(account));
            case 20 -> new PeersRemovedFromGroupEvent(group, account, somePeers(account));
            case 21, 22 -> enrolled(account, peer, random.nextBoolean() ? user : null);
            case 23 -> new PeerRenamedEvent(peer, account, "name" + ++counter, new DnsLabel(random.nextBoolean()
                    ? "n" + counter : "shared"));
            case 24 -> random.nextBoolean()
                    ? new PeerExtraDnsLabelsChangedEvent(peer, account, random.nextBoolean() ? ExtraDnsLabels.NONE
                            : new ExtraDnsLabels(List.of("db", "x" + counter)))
                    : new PeerSettingsChangedEvent(peer, account, random.nextBoolean(), random.nextBoolean(),
                            random.nextBoolean());
            case 25 -> random.nextBoolean() ? new PeerApprovedEvent(peer, account)
                    : new PeerOverlayIpChangedEvent(peer, account, "100.64.1." + (1 + random.nextInt(200)));
            case 26 -> new PeerMetadataUpdatedEvent(peer, account, new PeerMetadata("host", "linux", "6." + ++counter,
                    "0.2"));
            case 27 -> random.nextBoolean() ? new PeerLoginExpiredEvent(peer, account, pick(LoginExpiryReason.values()), at)
                    : new PeerLoginRenewedEvent(peer, account, user, at);
            case 28 -> random.nextBoolean()
                    ? new PeerConnectedEvent(peer, account, "s" + ++counter, "198.51.100.1", "0.2", at)
                    : new PeerDisconnectedEvent(peer, account, "s" + counter, at);
            case 29 -> new PeerDeletedEvent(peer, account);
            case 30, 40, 41 -> setupKey(account, at);
            case 31, 32, 33 -> policy(account);
            case 34 -> route(account);
            case 35, 36 -> network(account);
            default -> dns(account);
        };
    }

    private PeerEnrolledEvent enrolled(AccountId account, PeerId peer, UserId owner) {
        byte[] key = new byte[32];
        key[0] = (byte) ++counter;
        key[1] = (byte) (counter >> 8);
        return new PeerEnrolledEvent(peer, account, new WireguardPublicKey(Base64.getEncoder().encodeToString(key)),
                new PeerMetadata(peer.value(), "linux", "6.1", "test"), peer.value(),
                "100.64.0." + (1 + random.nextInt(200)), new DnsLabel(peer.value()), owner,
                owner == null ? setupKeyId(account) : null, random.nextInt(4) == 0, random.nextBoolean(), false,
                START.plusSeconds(events.size()), ExtraDnsLabels.NONE, false);
    }

    private Object setupKey(AccountId account, Instant at) {
        SetupKeyId key = setupKeyId(account);
        return switch (random.nextInt(4)) {
            case 0 -> new SetupKeyCreatedEvent(key, account, "key", pick(SetupKeyType.values()), "key-hash-" + ++counter,
                    "ABCD****", at, at.plusSeconds(86_400), random.nextInt(3), someGroups(account), random.nextBoolean(),
                    random.nextBoolean(), user(account, random.nextInt(4)));
            case 1 -> new SetupKeyRevokedEvent(key, account);
            case 2 -> new SetupKeyAutoGroupsChangedEvent(key, account, someGroups(account));
            default -> new SetupKeyDeletedEvent(key, account);
        };
    }

    private Object policy(AccountId account) {
        PolicyId id = new PolicyId(account.value() + "-policy-" + random.nextInt(3));
        if (!created.contains(id.value())) {
            created.add(id.value());
            return new PolicyCreatedEvent(id, account, "p", "", random.nextInt(5) != 0, rules(account));
        }
        if (random.nextInt(4) == 0) {
            created.remove(id.value());
            return new PolicyDeletedEvent(id, account);
        }
        return new PolicyUpdatedEvent(id, account, "p", "", random.nextInt(5) != 0, rules(account));
    }

    private List<PolicyRule> rules(AccountId account) {
        List<PolicyRule> rules = new ArrayList<>();
        for (int i = 0; i <= random.nextInt(2); i++) {
            Protocol protocol = random.nextBoolean() ? Protocol.TCP : Protocol.ALL;
            List<PortRange> ports = protocol == Protocol.TCP ? List.of(new PortRange(22, 22 + random.nextInt(2) * 10))
                    : List.of();
            rules.add(new PolicyRule(new PolicyRuleId("r" + i), "r", "", random.nextInt(5) != 0, random.nextBoolean(),
                    protocol, ports, Set.of(group(account, random.nextInt(4)), all(account)),
                    Set.of(group(account, random.nextInt(4)))));
        }
        return rules;
    }

    private Object route(AccountId account) {
        RouteId id = new RouteId(account.value() + "-route-" + random.nextInt(2));
        if (created.remove(id.value())) {
            return new RouteDeletedEvent(id, account);
        }
        created.add(id.value());
        boolean byPeer = random.nextBoolean();
        return new RouteCreatedEvent(id, account, new RouteDefinition("route", "net-" + random.nextInt(2), true,
                byPeer ? peer(account, random.nextInt(6)) : null, byPeer ? Set.of() : someGroups(account),
                new RoutePrefix(pick(new String[] {"198.18.0.0/24", "198.18.1.0/24"})), 100, random.nextBoolean(),
                someGroups(account), Set.of(), false, false));
    }

    private Object network(AccountId account) {
        NetworkId id = new NetworkId(account.value() + "-net-" + random.nextInt(2));
        return switch (random.nextInt(6)) {
            case 0 -> new NetworkCreatedEvent(id, account, new NetworkDetails("net", ""));
            case 1 -> new NetworkDeletedEvent(id, account);
            case 2 -> new NetworkResourceCreatedEvent(id, account, new NetworkResourceId(id.value() + "-res"),
                    new ResourceDefinition("res", "", ResourceAddress.parse("198.18.2.0/24"), someGroups(account), true));
            case 3 -> new NetworkResourceDeletedEvent(id, account, new NetworkResourceId(id.value() + "-res"));
            case 4 -> {
                boolean byPeer = random.nextBoolean();
                yield new NetworkRouterCreatedEvent(id, account, new NetworkRouterId(id.value() + "-router"),
                        new RouterDefinition(byPeer ? peer(account, random.nextInt(6)) : null,
                                byPeer ? Set.of() : someGroups(account), 100, random.nextBoolean(), true));
            }
            default -> new NetworkRouterDeletedEvent(id, account, new NetworkRouterId(id.value() + "-router"));
        };
    }

    private Object dns(AccountId account) {
        DnsZoneId zone = new DnsZoneId(account.value() + "-zone");
        DnsZoneDefinition definition = new DnsZoneDefinition("zone", "corp.example", true, random.nextBoolean(),
                someGroups(account));
        DnsRecordId record = new DnsRecordId(account.value() + "-record-" + random.nextInt(2));
        DnsRecordDefinition address = new DnsRecordDefinition("db.corp.example", DnsRecordType.A,
                "198.18.1." + random.nextInt(3), 300);
        NameserverGroupId nameservers = new NameserverGroupId(account.value() + "-ns");
        return switch (random.nextInt(7)) {
            case 0 -> new DnsSettingsUpdatedEvent(account, new DnsSettings(someGroups(account)));
            case 1 -> new DnsZoneCreatedEvent(zone, account, definition);
            case 2 -> new DnsZoneDeletedEvent(zone, account, definition);
            case 3 -> new DnsRecordCreatedEvent(zone, account, record, address);
            case 4 -> new DnsRecordDeletedEvent(zone, account, record, address);
            case 5 -> new NameserverGroupCreatedEvent(nameservers, account, new NameserverGroupDefinition("ns", "",
                    List.of(new Nameserver("198.18.0.53", 53)), true, someGroups(account), true, List.of(), false));
            default -> random.nextBoolean() ? new NameserverGroupDeletedEvent(nameservers, account)
                    : new AccountSettingsUpdatedEvent(account, new AccountSettings(true, Duration.ofHours(24),
                            false, Duration.ofMinutes(10), true, false,
                            random.nextBoolean() ? "netloom.internal" : "corp.internal"));
        };
    }

    private Set<GroupId> someGroups(AccountId account) {
        Set<GroupId> groups = new HashSet<>();
        for (int i = 0; i <= random.nextInt(2); i++) {
            groups.add(group(account, random.nextInt(4)));
        }
        return groups;
    }

    private Set<PeerId> somePeers(AccountId account) {
        Set<PeerId> peers = new HashSet<>();
        for (int i = 0; i <= random.nextInt(3); i++) {
            peers.add(peer(account, random.nextInt(6)));
        }
        return peers;
    }

    private TokenId token(AccountId account) {
        return new TokenId(account.value() + "-token-" + random.nextInt(3));
    }

    private SetupKeyId setupKeyId(AccountId account) {
        return new SetupKeyId(account.value() + "-key-" + random.nextInt(2));
    }

    private static UserId user(AccountId account, int number) {
        return new UserId(account.value() + "-user-" + number);
    }

    private static GroupId all(AccountId account) {
        return new GroupId(account.value() + "-all");
    }

    private static GroupId group(AccountId account, int number) {
        return new GroupId(account.value() + "-group-" + number);
    }

    private static PeerId peer(AccountId account, int number) {
        return new PeerId(account.value() + "-peer-" + number);
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private <T> T pick(T[] items) {
        return items[random.nextInt(items.length)];
    }
}
