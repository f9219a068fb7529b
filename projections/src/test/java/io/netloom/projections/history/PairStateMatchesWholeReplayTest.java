package io.netloom.projections.history;

import static io.netloom.projections.history.HandMadeHistory.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.ids.PeerId;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property (ADR 0035, decision 10): explaining two peers from a snapshot restricted to them loses nothing. On the
 * random histories of {@link AccessTimelineMatchesEveryEventTest}, at random points the whole state is turned into
 * its data, split into buckets, the pair's buckets joined and restricted to the pair; from there only the later
 * events explain reads (not access-neutral, and not peer-scoped unless they name one of the two) are applied.
 * After every later event both directions give the same flows and the same explanation as the whole account
 * replayed with every event, and the restricted state never holds a peer other than the two.
 */
class PairStateMatchesWholeReplayTest {

    private static final int EVENTS = 150;
    /** Few buckets, so that a pair often shares one and other peers come along with it. */
    private static final int BUCKETS = 3;
    private static final List<PeerId> PEERS = List.of(new PeerId("p1"), new PeerId("p2"), new PeerId("p3"),
            new PeerId("p4"));
    private static final List<Traffic> TRAFFIC = List.of(Traffic.ANY, new Traffic("all", null),
            new Traffic("icmp", null), new Traffic("tcp", null), new Traffic("tcp", 22), new Traffic("tcp", 30),
            new Traffic("udp", 53));
    private static final Set<String> NEUTRAL = AccessNeutralEvents.payloadTypes();
    private static final Set<String> PEER_SCOPED = PeerScopedEvents.payloadTypes();

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 200);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void explainWhenStartedFromAPairsBucketsThenAgreesWithTheWholeReplayAfterEveryEvent(long seed) {
        Random random = new Random(seed);
        Random sampler = new Random(-seed);
        HandMadeHistory history = new HandMadeHistory();
        List<PairReplay> pairs = new ArrayList<>();
        history.onEach((ref, payload) -> pairs.forEach(pair -> pair.offer(payload, ref)));
        AccessTimelineMatchesEveryEventTest.RandomEvents events =
                new AccessTimelineMatchesEveryEventTest.RandomEvents(random, history, new HashSet<>());
        for (int step = 0; step < EVENTS; step++) {
            EventRef event = events.next();
            if (sampler.nextInt(8) == 0) {
                PeerId first = PEERS.get(sampler.nextInt(PEERS.size()));
                PeerId second = PEERS.get(sampler.nextInt(PEERS.size()));
                if (!first.equals(second)) {
                    pairs.add(PairReplay.from(history.state(), first, second, "seed " + seed + ", started after "
                            + event.kind() + " #" + event.position()));
                }
            }
            for (PairReplay pair : pairs) {
                assertAgrees(history.state(), pair, sampler, pair.context() + ", after " + event.kind() + " #"
                        + event.position());
            }
        }
    }

    private static void assertAgrees(AccountState whole, PairReplay pair, Random sampler, String context) {
        AccountState restricted = pair.replay().state().orElseThrow();
        assertThat(restricted.peers().keySet()).as("%s: peers held", context)
                .isSubsetOf(pair.first(), pair.second());
        for (PeerId peer : List.of(pair.first(), pair.second())) {
            assertThat(restricted.peer(peer).isPresent()).as("%s: %s known", context, peer)
                    .isEqualTo(whole.peer(peer).isPresent());
            assertThat(restricted.groupsOf(peer)).as("%s: groups of %s", context, peer)
                    .isEqualTo(whole.groupsOf(peer));
        }
        if (restricted.peer(pair.first()).isEmpty() || restricted.peer(pair.second()).isEmpty()) {
            return;
        }
        for (List<PeerId> direction : List.of(List.of(pair.first(), pair.second()),
                List.of(pair.second(), pair.first()))) {
            PeerId source = direction.get(0);
            PeerId destination = direction.get(1);
            assertThat(sorted(AccessFlows.between(restricted.snapshot(), source, destination)))
                    .as("%s: flows %s -> %s", context, source, destination)
                    .isEqualTo(sorted(AccessFlows.between(whole.snapshot(), source, destination)));
            Traffic traffic = TRAFFIC.get(sampler.nextInt(TRAFFIC.size()));
            assertThat(AccessExplainer.explain(restricted, source, destination, traffic, Naming.IDS))
                    .as("%s: explain %s -> %s %s", context, source, destination, traffic)
                    .isEqualTo(AccessExplainer.explain(whole, source, destination, traffic, Naming.IDS));
        }
    }

    private static TreeSet<String> sorted(List<AllowedFlow> flows) {
        TreeSet<String> sorted = new TreeSet<>();
        flows.forEach(flow -> sorted.add(flow.toString()));
        return sorted;
    }

    /** A pair's state from a snapshot of its buckets, fed the events an explanation of the pair reads. */
    private record PairReplay(PeerId first, PeerId second, AccountReplay replay, String context) {

        static PairReplay from(AccountState whole, PeerId first, PeerId second, String context) {
            AccountStateData data = AccountStateData.of(whole);
            StateBuckets.Parts parts = StateBuckets.split(data, BUCKETS);
            assertThat(StateBuckets.join(parts.common(), parts.buckets())).as("%s: every bucket joined", context)
                    .isEqualTo(data);
            Set<Integer> buckets = new HashSet<>(List.of(StateBuckets.bucketOf(first, BUCKETS),
                    StateBuckets.bucketOf(second, BUCKETS)));
            AccountStateData pair = StateBuckets.join(parts.common(), buckets.stream().map(parts.buckets()::get)
                    .toList()).restrictedTo(List.of(first, second));
            return new PairReplay(first, second, new AccountReplay(ACCOUNT, pair.toState(), false), context + " ("
                    + first + ", " + second + ")");
        }

        void offer(Object payload, EventRef ref) {
            String type = payload.getClass().getName();
            if (NEUTRAL.contains(type) || PEER_SCOPED.contains(type) && !names(payload)) {
                return;
            }
            replay.apply(payload, ref);
        }

        /** Whether a peer id component of the payload is one of the pair: what the store's query looks for. */
        private boolean names(Object payload) {
            for (RecordComponent component : payload.getClass().getRecordComponents()) {
                Object value = read(component, payload);
                if (value instanceof PeerId peer && (peer.equals(first) || peer.equals(second))) {
                    return true;
                }
                if (value instanceof Collection<?> values && (values.contains(first) || values.contains(second))) {
                    return true;
                }
            }
            return false;
        }

        private static Object read(RecordComponent component, Object record) {
            try {
                return component.getAccessor().invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
