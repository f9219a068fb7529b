package io.netloom.domain.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CnameChainsTest {

    private static Collection<String> in(Map<String, List<String>> graph, String name) {
        return graph.getOrDefault(name, List.of());
    }

    @Test
    void loopFromWhenChainEndsThenNone() {
        Map<String, List<String>> graph = Map.of("a", List.of("b"), "b", List.of("c"), "x", List.of("c"));

        assertThat(CnameChains.loopFrom("a", name -> in(graph, name))).isEmpty();
    }

    @Test
    void loopFromWhenSomeBranchComesBackThenThatLoop() {
        // A name may have CNAMEs in two nested zones: every branch counts.
        Map<String, List<String>> graph = Map.of("a", List.of("end", "b"), "b", List.of("c"), "c", List.of("b"));

        assertThat(CnameChains.loopFrom("a", name -> in(graph, name))).contains(List.of("b", "c", "b"));
    }

    @Test
    void loopFromWhenDiamondWithoutLoopThenNone() {
        Map<String, List<String>> graph = Map.of("a", List.of("b", "c"), "b", List.of("d"), "c", List.of("d"));

        assertThat(CnameChains.loopFrom("a", name -> in(graph, name))).isEmpty();
    }
}
