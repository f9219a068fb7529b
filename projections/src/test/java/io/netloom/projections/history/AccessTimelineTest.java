package io.netloom.projections.history;

import static io.netloom.projections.history.HandMadeHistory.ACCOUNT;
import static io.netloom.projections.history.HandMadeHistory.ADMIN;
import static io.netloom.projections.history.HandMadeHistory.policy;
import static io.netloom.projections.history.HandMadeHistory.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.peer.DnsLabel;
import io.netloom.domain.peer.PeerConnectedEvent;
import io.netloom.domain.peer.PeerDeletedEvent;
import io.netloom.domain.peer.PeerRenamedEvent;
import io.netloom.domain.policy.PolicyCreatedEvent;
import io.netloom.domain.policy.PolicyUpdatedEvent;
import io.netloom.domain.policy.PortRange;
import io.netloom.domain.policy.Protocol;
import io.netloom.domain.user.UserBlockedEvent;
import io.netloom.domain.user.UserUnblockedEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessTimelineTest {

    private static final PeerId LAPTOP = new PeerId("laptop");
    private static final PeerId DATABASE = new PeerId("database");
    private static final UserId ALICE = new UserId("alice");
    private static final GroupId STAFF = new GroupId("staff");
    private static final GroupId SERVERS = new GroupId("servers");

    @Test
    void intervalsWhenMembershipRemovedAndAddedAgainThenTwoIntervalsWithTheirEvents() {
        AccessTimeline timeline = new AccessTimeline(LAPTOP, DATABASE, null);
        HandMadeHistory history = new HandMadeHistory(timeline);
        grantSsh(history);
        EventRef opened = history.add(STAFF, LAPTOP);
        EventRef closed = history.remove(STAFF, LAPTOP);
        EventRef reopened = history.add(STAFF, LAPTOP);

        List<AccessInterval> intervals = timeline.intervals();

        assertThat(intervals).hasSize(2);
        assertThat(intervals.get(0)).isEqualTo(new AccessInterval(opened.occurredAt(), opened, false,
                List.of(new AllowedFlow(LAPTOP, DATABASE, "tcp", List.of("22"))), List.of(), closed.occurredAt(),
                closed));
        assertThat(intervals.get(1).openedBy()).isEqualTo(reopened);
        assertThat(intervals.get(1).closedBy()).isNull();
        assertThat(intervals.get(1).until()).isNull();
        assertThat(timeline.sourceSeen()).isTrue();
        assertThat(timeline.destinationSeen()).isTrue();
    }

    @Test
    void intervalsWhenPortsWidenedThenOneIntervalWithTheChange() {
        AccessTimeline timeline = new AccessTimeline(LAPTOP, DATABASE, null);
        HandMadeHistory history = new HandMadeHistory(timeline);
        grantSsh(history);
        EventRef opened = history.add(STAFF, LAPTOP);
        EventRef widened = history.append(new PolicyUpdatedEvent(policy("ssh"), ACCOUNT, "ssh", "", true,
                List.of(rule(STAFF, SERVERS, Protocol.TCP, new PortRange(22, 22), new PortRange(5432, 5432)))),
                "Policy", "ssh");

        List<AccessInterval> intervals = timeline.intervals();

        assertThat(intervals).singleElement().satisfies(interval -> {
            assertThat(interval.openedBy()).isEqualTo(opened);
            assertThat(interval.flows()).containsExactly(new AllowedFlow(LAPTOP, DATABASE, "tcp", List.of("22")));
            assertThat(interval.changes()).containsExactly(new FlowChange(widened,
                    List.of(new AllowedFlow(LAPTOP, DATABASE, "tcp", List.of("22", "5432")))));
        });
    }

    @Test
    void intervalsWhenOwnerBlockedAndUnblockedThenClosedAndReopenedByThoseEvents() {
        AccessTimeline timeline = new AccessTimeline(LAPTOP, DATABASE, null);
        HandMadeHistory history = new HandMadeHistory(timeline);
        grantSsh(history);
        history.add(STAFF, LAPTOP);
        EventRef blocked = history.append(new UserBlockedEvent(ALICE, ACCOUNT, null), "User", ALICE.value());
        EventRef unblocked = history.append(new UserUnblockedEvent(ALICE, ACCOUNT, null), "User", ALICE.value());

        List<AccessInterval> intervals = timeline.intervals();

        assertThat(intervals).extracting(AccessInterval::closedBy).containsExactly(blocked, null);
        assertThat(intervals.get(1).openedBy()).isEqualTo(unblocked);
    }

    @Test
    void intervalsWhenPolicyDisabledAndEnabledThenClosedAndReopened() {
        AccessTimeline timeline = new AccessTimeline(LAPTOP, DATABASE, null);
        HandMadeHistory history = new HandMadeHistory(timeline);
        grantSsh(history);
        history.add(STAFF, LAPTOP);
        EventRef disabled = history.append(new PolicyUpdatedEvent(policy("ssh"), ACCOUNT, "ssh", "", false,
                List.of(rule(STAFF, SERVERS, Protocol.TCP, new PortRange(22, 22)))), "Policy", "ssh");
        EventRef enabled = history.append(new PolicyUpdatedEvent(policy("ssh"), ACCOUNT, "ssh", "", true,
                List.of(rule(STAFF, SERVERS, Protocol.TCP, new PortRange(22, 22)))), "Policy", "ssh");

        assertThat(timeline.intervals()).extracting(AccessInterval::closedBy).containsExactly(disabled, null);
        assertThat(timeline.intervals().get(1).openedBy()).isEqualTo(enabled);
    }

    @Test
    void intervalsWhenOnlyPresenceAndNamesChangeThenOneUnbrokenInterval() {
        AccessTimeline timeline = new AccessTimeline(LAPTOP, DATABASE, null);
        HandMadeHistory history = new HandMadeHistory(timeline);
        grantSsh(history);
        EventRef opened = history.add(STAFF, LAPTOP);
        history.append(new PeerConnectedEvent(LAPTOP, ACCOUNT, "s1", "198.51.100.7", "test", Instant.EPOCH), "Peer",
                LAPTOP.value());
        history.append(new PeerRenamedEvent(DATABASE, ACCOUNT, "db", new DnsLabel("db")), "Peer", DATABASE.value());

        assertThat(timeline.intervals()).singleElement().satisfies(interval -> {
            assertThat(interval.openedBy()).isEqualTo(opened);
            assertThat(interval.closedBy()).isNull();
            assertThat(interval.changes()).isEmpty();
        });
    }

    @Test
    void intervalsWhenWindowStartsDuringAccessThenOpenAtFromCitingTheEarlierEvent() {
        // Events are one minute apart from START: the window starts after the first grant was revoked and access
        // was granted again (the eleventh event, at ten minutes), and before the ports were widened.
        Instant from = HandMadeHistory.START.plusSeconds(60L * 10 + 30);
        AccessTimeline timeline = new AccessTimeline(LAPTOP, DATABASE, from);
        HandMadeHistory history = new HandMadeHistory(timeline);
        grantSsh(history);
        history.add(STAFF, LAPTOP);
        history.remove(STAFF, LAPTOP);
        EventRef reopened = history.add(STAFF, LAPTOP);
        EventRef widened = history.append(new PolicyUpdatedEvent(policy("ssh"), ACCOUNT, "ssh", "", true,
                List.of(rule(STAFF, SERVERS, Protocol.ALL))), "Policy", "ssh");
        assertThat(reopened.occurredAt()).isBefore(from);
        assertThat(widened.occurredAt()).isAfter(from);

        List<AccessInterval> intervals = timeline.intervals();

        assertThat(intervals).singleElement().satisfies(interval -> {
            assertThat(interval.since()).isEqualTo(from);
            assertThat(interval.openAtFrom()).isTrue();
            assertThat(interval.openedBy()).isEqualTo(reopened);
            assertThat(interval.flows()).containsExactly(new AllowedFlow(LAPTOP, DATABASE, "tcp", List.of("22")));
            assertThat(interval.changes()).extracting(FlowChange::event).containsExactly(widened);
        });
    }

    @Test
    void seenWhenPeerDeletedBeforeTheWindowThenNotSeen() {
        Instant from = HandMadeHistory.START.plusSeconds(60L * 30);
        AccessTimeline timeline = new AccessTimeline(LAPTOP, DATABASE, from);
        HandMadeHistory history = new HandMadeHistory(timeline);
        grantSsh(history);
        history.append(new PeerDeletedEvent(LAPTOP, ACCOUNT), "Peer", LAPTOP.value());

        assertThat(timeline.sourceSeen()).isFalse();
        assertThat(timeline.destinationSeen()).isTrue();
        assertThat(timeline.intervals()).isEmpty();
    }

    @Test
    void intervalsWhenAnotherPolicyAllowsTheSameThenClosedOnlyWhenBothAreGone() {
        AccessTimeline timeline = new AccessTimeline(LAPTOP, DATABASE, null);
        HandMadeHistory history = new HandMadeHistory(timeline);
        grantSsh(history);
        history.add(STAFF, LAPTOP);
        history.append(new PolicyCreatedEvent(policy("all"), ACCOUNT, "all", "", true,
                List.of(rule(new GroupId("all"), new GroupId("all"), Protocol.ALL))), "Policy", "all");
        history.remove(STAFF, LAPTOP);

        assertThat(timeline.intervals()).singleElement().satisfies(interval -> {
            assertThat(interval.closedBy()).isNull();
            assertThat(interval.changes()).hasSize(2);
        });
    }

    /** Laptop (alice's) and database enrolled, a policy letting staff reach servers by SSH; the laptop not yet staff. */
    private static void grantSsh(HandMadeHistory history) {
        history.enroll(LAPTOP, ALICE);
        history.enroll(DATABASE, ADMIN);
        history.group(STAFF);
        history.group(SERVERS);
        history.add(SERVERS, DATABASE);
        history.append(new PolicyCreatedEvent(policy("ssh"), ACCOUNT, "ssh", "", true,
                List.of(rule(STAFF, SERVERS, Protocol.TCP, new PortRange(22, 22)))), "Policy", "ssh");
    }
}
