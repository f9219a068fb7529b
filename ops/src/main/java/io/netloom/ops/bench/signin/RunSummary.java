package io.netloom.ops.bench.signin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The runs of each measured case, summarised as the medians of their rates and percentiles. */
final class RunSummary {

    /** One run: a rate (per second) and latency percentiles (ms), with the machine's 1-minute load average before and after. */
    record Run(double perSecond, double p50Millis, double p99Millis, double loadBefore, double loadAfter) {
    }

    private final Map<String, List<Run>> runs = new LinkedHashMap<>();

    void add(String label, Run run) {
        runs.computeIfAbsent(label, ignored -> new ArrayList<>()).add(run);
    }

    List<Run> runsOf(String label) {
        return runs.getOrDefault(label, List.of());
    }

    /** A Markdown table, one row per case: medians over its runs and the range of the load average seen. */
    String table() {
        StringBuilder table = new StringBuilder(
                "| case | runs | median rate /s | median p50 ms | median p99 ms | load average (1 min) |\n|---|---|---|---|---|---|\n");
        runs.forEach((label, list) -> {
            double lowestLoad = list.stream().mapToDouble(run -> Math.min(run.loadBefore(), run.loadAfter())).min().orElse(0);
            double highestLoad = list.stream().mapToDouble(run -> Math.max(run.loadBefore(), run.loadAfter())).max().orElse(0);
            table.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.2f | %.2f | %.1f–%.1f |%n", label, list.size(),
                    median(list.stream().map(Run::perSecond).toList()),
                    median(list.stream().map(Run::p50Millis).toList()),
                    median(list.stream().map(Run::p99Millis).toList()), lowestLoad, highestLoad));
        });
        return table.toString();
    }

    /** The middle value; for an even count the mean of the two middle ones. */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
