package io.netloom.testsupport.bench;

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
import io.netloom.domain.peer.PeerConnectedEvent;
import io.netloom.domain.peer.PeerDisconnectedEvent;
import io.netloom.domain.peer.PeerEnrolledEvent;
import io.netloom.domain.peer.PeerMetadata;
import io.netloom.domain.peer.PeerRenamedEvent;
import io.netloom.domain.peer.WireguardPublicKey;
import io.netloom.domain.policy.PolicyCreatedEvent;
import io.netloom.domain.policy.PolicyRule;
import io.netloom.domain.policy.PolicyUpdatedEvent;
import io.netloom.domain.policy.PortRange;
import io.netloom.domain.policy.Protocol;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * The event history of the replay benchmark (BENCHMARKS "Start-up replay", ADR 0054), one generator for the tools
 * that write it into a store and those that build read models from it in memory, so both measure the same history.
 * A third of it builds accounts in NetBird's benchmark shape (24,000 peers in groups of 25, a mesh policy per group);
 * the rest is everyday churn: peers connecting and disconnecting, renames, policy edits and peers moving between
 * groups.
 */
public final class BenchHistory {

    private static final int PEERS_PER_ACCOUNT = 24_000;
    private static final int GROUP_SIZE = 25;

    /** Where the history goes, an event at a time, in order. */
    @FunctionalInterface
    public interface Sink {
        void append(String aggregateType, String aggregateId, Object event, Instant at) throws Exception;
    }

    private final long target;
    private final LongFunction<Instant> timeOfEvent;
    private final Sink sink;
    private long written;

    private BenchHistory(long target, LongFunction<Instant> timeOfEvent, Sink sink) {
        this.target = target;
        this.timeOfEvent = timeOfEvent;
        this.sink = sink;
    }

    /**
     * Hands {@code target} events to {@code sink} (the last churn round may add up to three more).
     *
     * @param timeOfEvent the instant of the event with the given index (0 first), stamped on the events that carry
     *                    one and handed to the sink
     * @return how many events were handed over
     */
    public static long write(long target, LongFunction<Instant> timeOfEvent, Sink sink) throws Exception {
        BenchHistory history = new BenchHistory(target, timeOfEvent, sink);
        history.fill();
        return history.written;
    }

    private void fill() throws Exception {
        long eventsPerAccount = 2 + 2L * PEERS_PER_ACCOUNT + 2L * (PEERS_PER_ACCOUNT / GROUP_SIZE);
        long accounts = Math.max(1, Math.round(target * 0.3) / eventsPerAccount);
        int account = 0;
        while (account < accounts) {
            createAccount(account++);
        }
        int round = 0;
        while (written < target) {
            churn(round++ % account, round);
        }
    }

    private void createAccount(int number) throws Exception {
        AccountId account = accountId(number);
        append("Account", account.value(), new AccountCreatedEvent(account, owner(number), "", Ipv4Network.DEFAULT,
                AccountSettings.defaults()));
        append("Group", "bench-all-" + number, new GroupCreatedEvent(new GroupId("bench-all-" + number), account,
                "All", true, GroupIssuer.API));
        for (int peer = 0; peer < PEERS_PER_ACCOUNT; peer++) {
            int group = peer / GROUP_SIZE;
            if (peer % GROUP_SIZE == 0) {
                append("Group", groupId(number, group).value(),
                        new GroupCreatedEvent(groupId(number, group), account, "group " + group, false,
                                GroupIssuer.API));
                append("Policy", policyId(number, group).value(), new PolicyCreatedEvent(policyId(number, group),
                        account, "mesh " + group, "", true, List.of(meshRule(number, group, Protocol.ALL))));
            }
            append("Peer", peerId(number, peer).value(), enrolled(number, peer));
            append("Group", groupId(number, group).value(),
                    new PeersAddedToGroupEvent(groupId(number, group), account, Set.of(peerId(number, peer))));
        }
    }

    /** One round of everyday changes in an account. */
    private void churn(int number, int round) throws Exception {
        AccountId account = accountId(number);
        int peerNumber = (round * 7919) % PEERS_PER_ACCOUNT;
        PeerId peer = peerId(number, peerNumber);
        int group = peerNumber / GROUP_SIZE;
        int otherGroup = (group + 1) % (PEERS_PER_ACCOUNT / GROUP_SIZE);
        String session = "session-" + round;
        append("Peer", peer.value(), new PeerConnectedEvent(peer, account, session, "198.51.100." + (1 + round % 250),
                "bench", now()));
        append("Peer", peer.value(), new PeerDisconnectedEvent(peer, account, session, now()));
        append("Peer", peer.value(), new PeerRenamedEvent(peer, account, "renamed-" + round,
                new DnsLabel("renamed-" + round)));
        append("Policy", policyId(number, group).value(), new PolicyUpdatedEvent(policyId(number, group), account,
                "mesh " + group, "", true, List.of(meshRule(number, group, round % 2 == 0 ? Protocol.TCP : Protocol.ALL))));
        if (written + 2 <= target) {
            append("Group", groupId(number, group).value(),
                    new PeersRemovedFromGroupEvent(groupId(number, group), account, Set.of(peer)));
            append("Group", groupId(number, otherGroup).value(),
                    new PeersAddedToGroupEvent(groupId(number, otherGroup), account, Set.of(peer)));
        }
    }

    private PeerEnrolledEvent enrolled(int account, int peer) {
        byte[] key = new byte[32];
        key[0] = (byte) account;
        for (int i = 1; i < 5; i++) {
            key[i] = (byte) (peer >>> (8 * (i - 1)));
        }
        String address = "100.64." + (peer / 250) + "." + (1 + peer % 250);
        return new PeerEnrolledEvent(peerId(account, peer), accountId(account),
                new WireguardPublicKey(Base64.getEncoder().encodeToString(key)),
                new PeerMetadata("host-" + peer, "linux", "6.1", "bench"), "host-" + peer, address,
                new DnsLabel("host-" + peer), owner(account), null, false, false, false, now(),
                ExtraDnsLabels.NONE, false);
    }

    private static PolicyRule meshRule(int account, int group, Protocol protocol) {
        List<PortRange> ports = protocol == Protocol.TCP ? List.of(new PortRange(22, 22)) : List.of();
        return new PolicyRule(new PolicyRuleId("bench-rule-" + account + "-" + group), "mesh", "", true, true,
                protocol, ports, Set.of(groupId(account, group)), Set.of(groupId(account, group)));
    }

    private void append(String aggregateType, String aggregateId, Object event) throws Exception {
        sink.append(aggregateType, aggregateId, event, now());
        written++;
    }

    /** The instant of the event about to be appended. */
    private Instant now() {
        return timeOfEvent.apply(written);
    }

    private static AccountId accountId(int account) {
        return new AccountId("bench-account-" + account);
    }

    private static UserId owner(int account) {
        return new UserId("bench-owner-" + account);
    }

    private static PeerId peerId(int account, int peer) {
        return new PeerId("bench-peer-" + account + "-" + peer);
    }

    private static GroupId groupId(int account, int group) {
        return new GroupId("bench-group-" + account + "-" + group);
    }

    private static PolicyId policyId(int account, int group) {
        return new PolicyId("bench-policy-" + account + "-" + group);
    }
}
