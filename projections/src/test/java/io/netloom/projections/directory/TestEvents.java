package io.netloom.projections.directory;

import io.netloom.domain.account.AccountCreatedEvent;
import io.netloom.domain.account.AccountSettings;
import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.group.GroupCreatedEvent;
import io.netloom.domain.group.GroupIssuer;
import io.netloom.domain.group.PeersAddedToGroupEvent;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.PolicyId;
import io.netloom.domain.ids.PolicyRuleId;
import io.netloom.domain.ids.SetupKeyId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.peer.DnsLabel;
import io.netloom.domain.peer.ExtraDnsLabels;
import io.netloom.domain.peer.PeerEnrolledEvent;
import io.netloom.domain.peer.PeerMetadata;
import io.netloom.domain.peer.WireguardPublicKey;
import io.netloom.domain.policy.PolicyCreatedEvent;
import io.netloom.domain.policy.PolicyRule;
import io.netloom.domain.policy.Protocol;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/** Builds a directory from domain events, the way the projection receives them. */
final class TestEvents {

    static final AccountId ACCOUNT = new AccountId("account-1");
    static final GroupId ALL = new GroupId("group-all");
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final SetupKeyId SETUP_KEY = new SetupKeyId("key-1");

    private final Directory directory = new Directory();
    private final DirectoryProjection projection = new DirectoryProjection(directory);
    private int peers;

    TestEvents() {
        projection.on(new AccountCreatedEvent(ACCOUNT, new UserId("owner"), "", Ipv4Network.DEFAULT,
                AccountSettings.defaults()), NOW);
        projection.on(new GroupCreatedEvent(ALL, ACCOUNT, "All", true, GroupIssuer.API), NOW);
    }

    Directory directory() {
        return directory;
    }

    AccountRecords records() {
        return directory.account(ACCOUNT).orElseThrow();
    }

    DirectoryProjection projection() {
        return projection;
    }

    PeerId peer(String name) {
        return peer(name, null);
    }

    /** A peer a person enrolled when {@code owner} is given, else one enrolled with {@link #SETUP_KEY}. */
    PeerId peer(String name, UserId owner) {
        PeerId id = new PeerId(name);
        byte[] key = new byte[32];
        key[0] = (byte) ++peers;
        projection.on(new PeerEnrolledEvent(id, ACCOUNT,
                new WireguardPublicKey(Base64.getEncoder().encodeToString(key)),
                new PeerMetadata(name, "linux", "6.1", "0.1"), name, "100.64.0." + peers, new DnsLabel(name), owner,
                owner == null ? SETUP_KEY : null, false, owner != null, false, NOW, ExtraDnsLabels.NONE, false));
        return id;
    }

    GroupId group(String name, PeerId... members) {
        GroupId id = new GroupId("group-" + name);
        projection.on(new GroupCreatedEvent(id, ACCOUNT, name, false, GroupIssuer.API), NOW);
        projection.on(new PeersAddedToGroupEvent(id, ACCOUNT, Set.of(members)));
        return id;
    }

    void policy(String name, boolean enabled, boolean bidirectional, GroupId source, GroupId destination) {
        projection.on(new PolicyCreatedEvent(new PolicyId("policy-" + name), ACCOUNT, name, "", enabled,
                List.of(new PolicyRule(new PolicyRuleId("rule-" + name), name, "", true, bidirectional,
                        Protocol.ALL, List.of(), Set.of(source), Set.of(destination)))));
    }
}
