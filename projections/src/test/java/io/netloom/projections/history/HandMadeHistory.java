package io.netloom.projections.history;

import io.netloom.domain.account.AccountCreatedEvent;
import io.netloom.domain.account.AccountSettings;
import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.group.GroupCreatedEvent;
import io.netloom.domain.group.GroupIssuer;
import io.netloom.domain.group.PeersAddedToGroupEvent;
import io.netloom.domain.group.PeersRemovedFromGroupEvent;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.PolicyId;
import io.netloom.domain.ids.PolicyRuleId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.peer.DnsLabel;
import io.netloom.domain.peer.ExtraDnsLabels;
import io.netloom.domain.peer.PeerEnrolledEvent;
import io.netloom.domain.peer.PeerMetadata;
import io.netloom.domain.peer.WireguardPublicKey;
import io.netloom.domain.policy.PolicyRule;
import io.netloom.domain.policy.PortRange;
import io.netloom.domain.policy.Protocol;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An account's history written by hand, one event a minute, applied through {@link AccountReplay} (the live
 * projection's handlers) and handed with the state after it to whoever listens.
 */
final class HandMadeHistory {

    static final AccountId ACCOUNT = new AccountId("acc-1");
    static final UserId ADMIN = new UserId("admin");
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final AccountReplay replay = new AccountReplay(ACCOUNT, null, false);
    private final List<BiConsumer<EventRef, Object>> listeners = new ArrayList<>();
    private final List<EventRef> events = new ArrayList<>();
    private int enrolled;

    /** @param timelines fed every event from the account's creation on, with the state just after it */
    HandMadeHistory(AccessTimeline... timelines) {
        for (AccessTimeline timeline : timelines) {
            listeners.add((ref, payload) -> timeline.accept(ref, payload, replay.state().orElseThrow()));
        }
        append(new AccountCreatedEvent(ACCOUNT, ADMIN, "", Ipv4Network.DEFAULT, AccountSettings.defaults()), "Account",
                ACCOUNT.value());
        append(new GroupCreatedEvent(new GroupId("all"), ACCOUNT, "All", true, GroupIssuer.API), "Group", "all");
    }

    /** {@code listener} is handed every later event's payload after it was applied. */
    void onEach(BiConsumer<EventRef, Object> listener) {
        listeners.add(listener);
    }

    /** Applies the event one minute after the previous one; returns how it is cited. */
    EventRef append(Object payload, String resourceType, String resourceId) {
        EventRef ref = new EventRef(events.size() + 1, START.plusSeconds(60L * events.size()),
                "event-" + (events.size() + 1), payload.getClass().getSimpleName().replace("Event", ""),
                ADMIN.value(), resourceType, resourceId);
        events.add(ref);
        replay.apply(payload, ref);
        listeners.forEach(listener -> listener.accept(ref, payload));
        return ref;
    }

    EventRef enroll(PeerId peer, UserId owner) {
        return enroll(peer, owner, false);
    }

    EventRef enroll(PeerId peer, UserId owner, boolean approvalRequired) {
        int host = ++enrolled;
        byte[] key = new byte[32];
        key[0] = (byte) host;
        return append(new PeerEnrolledEvent(peer, ACCOUNT, new WireguardPublicKey(Base64.getEncoder().encodeToString(key)),
                new PeerMetadata(peer.value(), "linux", "6.1", "test"), peer.value(), "100.64.0." + host,
                new DnsLabel(peer.value()), owner, null, approvalRequired, false, false, START,
                ExtraDnsLabels.NONE, false), "Peer", peer.value());
    }

    /** The state the events so far left. */
    AccountState state() {
        return replay.state().orElseThrow();
    }

    EventRef group(GroupId group) {
        return append(new GroupCreatedEvent(group, ACCOUNT, group.value(), false, GroupIssuer.API), "Group", group.value());
    }

    EventRef add(GroupId group, PeerId peer) {
        return append(new PeersAddedToGroupEvent(group, ACCOUNT, Set.of(peer)), "Group", group.value());
    }

    EventRef remove(GroupId group, PeerId peer) {
        return append(new PeersRemovedFromGroupEvent(group, ACCOUNT, Set.of(peer)), "Group", group.value());
    }

    static PolicyRule rule(GroupId sources, GroupId destinations, Protocol protocol, PortRange... ports) {
        return new PolicyRule(new PolicyRuleId("rule-" + sources.value() + "-" + destinations.value()), "rule", "",
                true, false, protocol, List.of(ports), Set.of(sources), Set.of(destinations));
    }

    static PolicyId policy(String id) {
        return new PolicyId(id);
    }
}
