package io.netloom.projections.history;

import static io.netloom.projections.history.HandMadeHistory.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.group.GroupDeletedEvent;
import io.netloom.domain.group.PeersAddedToGroupEvent;
import io.netloom.domain.group.PeersRemovedFromGroupEvent;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.PolicyId;
import io.netloom.domain.ids.PolicyRuleId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.peer.DnsLabel;
import io.netloom.domain.peer.LoginExpiryReason;
import io.netloom.domain.peer.PeerApprovedEvent;
import io.netloom.domain.peer.PeerConnectedEvent;
import io.netloom.domain.peer.PeerDeletedEvent;
import io.netloom.domain.peer.PeerLoginExpiredEvent;
import io.netloom.domain.peer.PeerLoginRenewedEvent;
import io.netloom.domain.peer.PeerRenamedEvent;
import io.netloom.domain.policy.PolicyCreatedEvent;
import io.netloom.domain.policy.PolicyDeletedEvent;
import io.netloom.domain.policy.PolicyRule;
import io.netloom.domain.policy.PolicyUpdatedEvent;
import io.netloom.domain.policy.PortRange;
import io.netloom.domain.policy.Protocol;
import io.netloom.domain.user.UserBlockedEvent;
import io.netloom.domain.user.UserDeletedEvent;
import io.netloom.domain.user.UserUnblockedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: skipping the events that cannot change a pair's access loses nothing. For random histories, after
 * every event the timeline's current access agrees with the calculator asked after every event, on the whole
 * account's snapshot; each seed is one reproducible history.
 */
class AccessTimelineMatchesEveryEventTest {

    private static final int EVENTS = 150;
    private static final List<PeerId> PEERS = List.of(new PeerId("p1"), new PeerId("p2"), new PeerId("p3"),
            new PeerId("p4"));
    private static final List<UserId> USERS = List.of(new UserId("u1"), new UserId("u2"));
    private static final List<GroupId> GROUPS = List.of(new GroupId("all"), new GroupId("g1"), new GroupId("g2"),
            new GroupId("g3"));
    private static final List<PolicyId> POLICIES = List.of(new PolicyId("pol1"), new PolicyId("pol2"),
            new PolicyId("pol3"));

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 200);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void intervalsWhenRandomHistoryThenEveryChangeOfAccessFound(long seed) {
        Random random = new Random(seed);
        PeerId source = PEERS.get(random.nextInt(2));
        PeerId destination = PEERS.get(2 + random.nextInt(2));
        AccessTimeline timeline = new AccessTimeline(source, destination, null);
        List<Instant> changes = new ArrayList<>();
        List<List<AllowedFlow>> flowsAfterChange = new ArrayList<>();
        HandMadeHistory history = new HandMadeHistory(timeline);
        List<AllowedFlow> flows = List.of();
        Set<PolicyId> created = new HashSet<>();
        RandomEvents events = new RandomEvents(random, history, created);
        for (int step = 0; step < EVENTS; step++) {
            EventRef event = events.next();
            List<AllowedFlow> now = new HashSet<>(AccessFlows.between(history.state().snapshot(), source,
                    destination)).stream().sorted(Comparator.comparing(AllowedFlow::toString)).toList();
            if (!new HashSet<>(now).equals(new HashSet<>(flows))) {
                changes.add(event.occurredAt());
                flowsAfterChange.add(now);
            }
            flows = now;
        }

        List<Instant> found = new ArrayList<>();
        List<List<AllowedFlow>> foundFlows = new ArrayList<>();
        for (AccessInterval interval : timeline.intervals()) {
            found.add(interval.since());
            foundFlows.add(interval.flows());
            interval.changes().forEach(change -> {
                found.add(change.event().occurredAt());
                foundFlows.add(change.flows());
            });
            if (interval.closedBy() != null) {
                found.add(interval.until());
                foundFlows.add(List.of());
            }
        }
        assertThat(found).as("seed %d: times access changed", seed).isEqualTo(changes);
        for (int i = 0; i < found.size(); i++) {
            assertThat(foundFlows.get(i)).as("seed %d: flows at %s", seed, found.get(i))
                    .containsExactlyInAnyOrderElementsOf(flowsAfterChange.get(i));
        }
    }

    /**
     * Random changes of every kind the projection applies, among few peers, groups, policies and users (also drives
     * {@code PairStateMatchesWholeReplayTest}).
     */
    record RandomEvents(Random random, HandMadeHistory history, Set<PolicyId> created) {

        EventRef next() {
            PeerId peer = pick(PEERS);
            GroupId group = pick(GROUPS.subList(1, GROUPS.size()));
            PolicyId policy = pick(POLICIES);
            UserId user = pick(USERS);
            Instant at = Instant.EPOCH;
            return switch (random.nextInt(16)) {
                case 0, 1 -> history.state().peer(peer).isPresent()
                        ? history.append(new PeerConnectedEvent(peer, ACCOUNT, "s", "198.51.100.1", "t", at), "Peer",
                                peer.value())
                        : history.enroll(peer, random.nextBoolean() ? pick(USERS) : null, random.nextInt(4) == 0);
                case 2 -> history.group(group);
                case 3 -> history.append(new GroupDeletedEvent(group, ACCOUNT), "Group", group.value());
                case 4, 5 -> history.append(new PeersAddedToGroupEvent(group, ACCOUNT, Set.of(peer)), "Group",
                        group.value());
                case 6 -> history.append(new PeersRemovedFromGroupEvent(group, ACCOUNT, Set.of(peer)), "Group",
                        group.value());
                case 7, 8 -> history.append(created.add(policy)
                        ? new PolicyCreatedEvent(policy, ACCOUNT, "p", "", random.nextInt(5) != 0, rules())
                        : new PolicyUpdatedEvent(policy, ACCOUNT, "p", "", random.nextInt(5) != 0, rules()),
                        "Policy", policy.value());
                case 9 -> history.append(created.remove(policy) ? new PolicyDeletedEvent(policy, ACCOUNT)
                        : new PeerRenamedEvent(peer, ACCOUNT, "n", new DnsLabel("n")), "Policy", policy.value());
                case 10 -> history.append(new UserBlockedEvent(user, ACCOUNT, null), "User", user.value());
                case 11 -> history.append(new UserUnblockedEvent(user, ACCOUNT, null), "User", user.value());
                case 12 -> history.append(random.nextInt(4) == 0 ? new UserDeletedEvent(user, ACCOUNT, null)
                        : new PeerApprovedEvent(peer, ACCOUNT), "User", user.value());
                case 13 -> history.append(random.nextBoolean()
                        ? new PeerLoginExpiredEvent(peer, ACCOUNT, LoginExpiryReason.values()[0], at)
                        : new PeerLoginRenewedEvent(peer, ACCOUNT, user, at), "Peer", peer.value());
                case 14 -> history.append(new PeerDeletedEvent(peer, ACCOUNT), "Peer", peer.value());
                default -> history.append(new PeerRenamedEvent(peer, ACCOUNT, "n", new DnsLabel("n")), "Peer",
                        peer.value());
            };
        }

        private List<PolicyRule> rules() {
            List<PolicyRule> rules = new ArrayList<>();
            for (int i = 0; i <= random.nextInt(2); i++) {
                Protocol protocol = random.nextBoolean() ? Protocol.TCP : Protocol.ALL;
                List<PortRange> ports = protocol == Protocol.TCP
                        ? List.of(new PortRange(22, 22 + random.nextInt(2) * 10)) : List.of();
                rules.add(new PolicyRule(new PolicyRuleId("r" + i), "r", "", random.nextInt(5) != 0,
                        random.nextBoolean(), protocol, ports, Set.of(pick(GROUPS)), Set.of(pick(GROUPS))));
            }
            return rules;
        }

        private <T> T pick(List<T> items) {
            return items.get(random.nextInt(items.size()));
        }
    }
}
