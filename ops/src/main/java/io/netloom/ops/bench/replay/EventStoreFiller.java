package io.netloom.ops.bench.replay;

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
import io.netloom.ops.bench.Options;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a large, realistic event history into a stopped server's embedded database, in the exact
 * form Axon's JDBC storage engine and Jackson serializer use, so the next server start has to
 * replay it. A third of the history builds accounts in NetBird's benchmark shape (groups of 25
 * peers, a mesh policy per group); the rest is everyday churn: peers connecting and disconnecting,
 * renames, policy edits and peers moving between groups. The events are spread evenly over the 90
 * days ending at {@link #NOW}, one step apart in global-index order, so that questions about a past
 * instant find the history as it stood then.
 *
 * <pre>java io.netloom.ops.bench.replay.EventStoreFiller --data-dir DIR --events 1000000</pre>
 */
public final class EventStoreFiller {

    private static final int PEERS_PER_ACCOUNT = 24_000;
    private static final int GROUP_SIZE = 25;
    private static final int BATCH = 5_000;
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Duration HISTORY = Duration.ofDays(90);

    private final AxonEventRows rows;
    private final Map<String, Long> sequences = new HashMap<>();
    private final long target;
    /** Between two consecutive events; whole milliseconds, the precision of Axon's stored timestamp. */
    private final long stepMillis;
    private long written;
    private int pending;

    private EventStoreFiller(AxonEventRows rows, long target) {
        if (target < 1 || target > HISTORY.toMillis()) {
            throw new IllegalArgumentException("--events must be between 1 and " + HISTORY.toMillis()
                    + " (one per millisecond of the history)");
        }
        this.rows = rows;
        this.target = target;
        this.stepMillis = HISTORY.toMillis() / target;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        Path dataDirectory = Path.of(options.get("data-dir")).toAbsolutePath();
        long target = Long.parseLong(options.getOrDefault("events", "1000000"));
        long started = System.nanoTime();
        try (AxonEventRows rows = AxonEventRows.open(dataDirectory)) {
            new EventStoreFiller(rows, target).fill();
        }
        System.out.printf("wrote %d events in %.1f s%n", target, (System.nanoTime() - started) / 1e9);
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
        flush();
    }

    private void createAccount(int number) throws Exception {
        AccountId account = new AccountId("bench-account-" + number);
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
        AccountId account = new AccountId("bench-account-" + number);
        int peer = (round * 7919) % PEERS_PER_ACCOUNT;
        int group = peer / GROUP_SIZE;
        int otherGroup = (group + 1) % (PEERS_PER_ACCOUNT / GROUP_SIZE);
        String session = "session-" + round;
        append("Peer", peerId(number, peer).value(), new PeerConnectedEvent(peerId(number, peer), account, session,
                "198.51.100." + (1 + round % 250), "bench", nextTime()));
        append("Peer", peerId(number, peer).value(), new PeerDisconnectedEvent(peerId(number, peer), account,
                session, nextTime()));
        append("Peer", peerId(number, peer).value(), new PeerRenamedEvent(peerId(number, peer), account,
                "renamed-" + round, new DnsLabel("renamed-" + round)));
        append("Policy", policyId(number, group).value(), new PolicyUpdatedEvent(policyId(number, group), account,
                "mesh " + group, "", true, List.of(meshRule(number, group, round % 2 == 0 ? Protocol.TCP : Protocol.ALL))));
        if (written + 2 <= target) {
            append("Group", groupId(number, group).value(),
                    new PeersRemovedFromGroupEvent(groupId(number, group), account, Set.of(peerId(number, peer))));
            append("Group", groupId(number, otherGroup).value(),
                    new PeersAddedToGroupEvent(groupId(number, otherGroup), account, Set.of(peerId(number, peer))));
        }
    }

    private PeerEnrolledEvent enrolled(int account, int peer) {
        byte[] key = new byte[32];
        key[0] = (byte) account;
        for (int i = 1; i < 5; i++) {
            key[i] = (byte) (peer >>> (8 * (i - 1)));
        }
        String address = "100.64." + (peer / 250) + "." + (1 + peer % 250);
        return new PeerEnrolledEvent(peerId(account, peer), new AccountId("bench-account-" + account),
                new WireguardPublicKey(Base64.getEncoder().encodeToString(key)),
                new PeerMetadata("host-" + peer, "linux", "6.1", "bench"), "host-" + peer, address,
                new DnsLabel("host-" + peer), owner(account), null, false, false, false, nextTime(),
                ExtraDnsLabels.NONE, false);
    }

    private static PolicyRule meshRule(int account, int group, Protocol protocol) {
        List<PortRange> ports = protocol == Protocol.TCP ? List.of(new PortRange(22, 22)) : List.of();
        return new PolicyRule(new PolicyRuleId("bench-rule-" + account + "-" + group), "mesh", "", true, true,
                protocol, ports, Set.of(groupId(account, group)), Set.of(groupId(account, group)));
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

    private void append(String aggregateType, String aggregateId, Object event) throws Exception {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        rows.add(aggregateType, aggregateId, sequence, event, nextTime());
        written++;
        if (++pending == BATCH) {
            flush();
        }
    }

    /**
     * The time of the event about to be appended: the target's last event falls on NOW (the last churn
     * round may add up to three more, a step apart each).
     */
    private Instant nextTime() {
        return NOW.minusMillis(stepMillis * (target - 1 - written));
    }

    private void flush() throws Exception {
        rows.commit();
        pending = 0;
    }
}
