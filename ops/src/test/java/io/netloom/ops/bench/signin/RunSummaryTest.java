package io.netloom.ops.bench.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunSummaryTest {

    @Test
    void medianWhenOddCountThenMiddleValue() {
        assertThat(RunSummary.median(List.of(30.0, 10.0, 20.0))).isEqualTo(20.0);
    }

    @Test
    void medianWhenEvenCountThenMeanOfMiddleValues() {
        assertThat(RunSummary.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    }

    @Test
    void tableWhenRunsAddedThenOneRowPerCaseWithMediansAndLoadRange() {
        RunSummary summary = new RunSummary();
        summary.add("flows", new RunSummary.Run(100, 10, 50, 2.0, 3.0));
        summary.add("flows", new RunSummary.Run(300, 30, 70, 1.5, 4.0));
        summary.add("flows", new RunSummary.Run(200, 20, 90, 2.5, 2.5));

        assertThat(summary.table()).contains("| flows | 3 | 200.0 | 20.00 | 70.00 | 1.5–4.0 |");
    }

    @Test
    void concurrenciesWhenListThenLevelsInOrder() {
        assertThat(SignInBenchmark.concurrencies("1, 8,32")).containsExactly(1, 8, 32);
    }

    @Test
    void concurrenciesWhenAboveThePendingSignInsTheServerKeepsThenRefused() {
        assertThatThrownBy(() -> SignInBenchmark.concurrencies("1,128")).isInstanceOf(IllegalArgumentException.class);
    }
}
