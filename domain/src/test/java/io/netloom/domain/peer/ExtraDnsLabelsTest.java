package io.netloom.domain.peer;

import static io.netloom.domain.Rejections.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExtraDnsLabelsTest {

    @Test
    void ofWhenMixedCaseDuplicatesAndTrailingDotsThenNormalisedSortedOnce() {
        ExtraDnsLabels labels = ExtraDnsLabels.of(List.of("Stage-DB", " web.", "stage-db", "_svc.eu"));

        assertThat(labels.names()).containsExactly("_svc.eu", "stage-db", "web");
    }

    @Test
    void ofWhenNullOrEmptyThenNone() {
        assertThat(ExtraDnsLabels.of(null)).isEqualTo(ExtraDnsLabels.NONE);
        assertThat(ExtraDnsLabels.of(List.of())).isEqualTo(ExtraDnsLabels.NONE);
        assertThat(ExtraDnsLabels.NONE.isEmpty()).isTrue();
    }

    @Test
    void ofWhenSameNamesInAnotherOrderThenEqual() {
        assertThat(ExtraDnsLabels.of(List.of("b", "a"))).isEqualTo(ExtraDnsLabels.of(List.of("a", "B")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*.stage", "stage db", "-web", "web-", "a..b", "café"})
    void ofWhenNotADnsNameThenRejectedNamingIt(String name) {
        assertInvalid(() -> ExtraDnsLabels.of(List.of("ok", name)), notADnsName(name));
    }

    @Test
    void ofWhenLabelLongerThanSixtyThreeThenRejected() {
        String name = "a".repeat(64);
        assertInvalid(() -> ExtraDnsLabels.of(List.of(name)), notADnsName(name));
    }

    @Test
    void ofWhenThirtyTwoThenAcceptedAndThirtyThreeRejected() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            names.add("n" + i);
        }
        assertThat(ExtraDnsLabels.of(names).names()).hasSize(32);
        names.add("n32");
        assertInvalid(() -> ExtraDnsLabels.of(names), "at most 32 extra DNS labels are allowed, not 33");
    }

    @Test
    void ofWhenEmptyEntryThenRejected() {
        assertInvalid(() -> ExtraDnsLabels.of(Arrays.asList("web", "")), "extra DNS label must not be empty");
    }

    private static String notADnsName(String name) {
        return "extra DNS label \"" + name + "\" is not a valid DNS name (labels of letters, digits, hyphens and"
                + " underscores, at most 253 characters)";
    }

    @Test
    void newWhenNotNormalisedThenRejected() {
        assertInvalid(() -> new ExtraDnsLabels(List.of("Web")), "extra DNS label \"Web\" is not in normal form");
    }
}
