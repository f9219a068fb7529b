package io.netloom.projections.networkmap;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.projections.history.AccessExplainer;
import io.netloom.projections.history.Explanation;
import io.netloom.projections.history.Naming;
import io.netloom.projections.history.Traffic;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: on the random histories of {@link IncrementalMatchesRecomputeTest}, after every change, the explainer
 * (run on the history's plain AccountState) allows exactly the traffic the LIVE incremental model's map of the
 * destination accepts from the source; an allowed answer cites a rule whose groups really hold both peers, and a
 * denied one gives at least one reason, never {@code unexplained}.
 */
class ExplainMatchesLiveMapsTest {

    private static final int STEPS = 120;
    private static final int SAMPLES = 4;
    private static final List<Traffic> TRAFFIC = List.of(Traffic.ANY, new Traffic("all", null),
            new Traffic("icmp", null), new Traffic("tcp", null), new Traffic("udp", null), new Traffic("tcp", 1),
            new Traffic("tcp", 1005), new Traffic("udp", 2001), new Traffic("tcp", 2011), new Traffic("udp", 80));

    static List<Long> seeds() {
        return IncrementalMatchesRecomputeTest.seeds();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void explainWhenRandomChangesAppliedThenAgreesWithTheLiveMapsAfterEveryStep(long seed) {
        Random random = new Random(seed);
        Random sampler = new Random(-seed);
        IncrementalMatchesRecomputeTest.RandomAccount account =
                new IncrementalMatchesRecomputeTest.RandomAccount(random);
        Map<PeerId, NetworkMap> held = new HashMap<>();
        account.apply(model -> model.addGroup(IncrementalMatchesRecomputeTest.ALL, true), held, "create All");

        for (int step = 0; step < STEPS; step++) {
            String change = account.randomChange(held);
            if (account.peers.size() < 2) {
                continue;
            }
            for (int sample = 0; sample < SAMPLES; sample++) {
                PeerId source = account.peers.get(sampler.nextInt(account.peers.size()));
                PeerId destination = account.peers.get(sampler.nextInt(account.peers.size()));
                Traffic traffic = TRAFFIC.get(sampler.nextInt(TRAFFIC.size()));
                if (source.equals(destination)) {
                    continue;
                }
                String context = "seed " + seed + ", step " + step + " (" + change + "): " + source + " -> "
                        + destination + " " + traffic;

                Explanation explanation = AccessExplainer.explain(account.history, source, destination, traffic,
                        Naming.IDS);

                assertThat(explanation.allowed()).as(context).isEqualTo(liveAccepts(account.network, source,
                        destination, traffic));
                if (explanation.allowed()) {
                    assertThat(explanation.grants()).as(context).isNotEmpty();
                    explanation.grants().forEach(grant -> {
                        assertThat(grant.sourceGroups()).as(context).isNotEmpty()
                                .allSatisfy(member -> assertThat(contains(account.network, member.group(), source))
                                        .as("%s: %s holds the source", context, member.group()).isTrue());
                        assertThat(grant.destinationGroups()).as(context).isNotEmpty()
                                .allSatisfy(member -> assertThat(contains(account.network, member.group(),
                                        destination)).as("%s: %s holds the destination", context, member.group())
                                        .isTrue());
                    });
                } else {
                    assertThat(explanation.denials()).as(context).isNotEmpty()
                            .noneMatch(denial -> denial.code() == Explanation.DenialCode.UNEXPLAINED);
                }
            }
        }
    }

    /** Whether the live map of the destination holds an inbound rule from the source's address covering the traffic. */
    private static boolean liveAccepts(AccountNetwork network, PeerId source, PeerId destination, Traffic traffic) {
        String from = network.snapshot().peers().get(source).hostAddress();
        return network.mapOf(destination).orElseThrow().inboundRules().stream()
                .filter(rule -> rule.source().equals(from))
                .anyMatch(rule -> protocolCovers(rule.protocol(), traffic) && portCovers(rule.ports(), traffic));
    }

    private static boolean protocolCovers(String allowed, Traffic traffic) {
        return traffic.protocol() == null || allowed.equals("all") || allowed.equals(traffic.protocol());
    }

    private static boolean portCovers(List<String> ports, Traffic traffic) {
        if (traffic.port() == null || ports.isEmpty()) {
            return true;
        }
        for (String range : ports) {
            String[] ends = range.split("-");
            int start = Integer.parseInt(ends[0]);
            int end = Integer.parseInt(ends[ends.length - 1]);
            if (traffic.port() >= start && traffic.port() <= end) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(AccountNetwork network, GroupId group, PeerId peer) {
        AccountSnapshot snapshot = network.snapshot();
        return group.equals(snapshot.allGroup()) ? snapshot.peers().containsKey(peer)
                : snapshot.groupMembers().getOrDefault(group, java.util.Set.of()).contains(peer);
    }
}
