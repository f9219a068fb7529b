package io.netloom.ops.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Collects latencies (nanoseconds) from many threads and reports percentiles in milliseconds. */
public final class LatencyRecorder {

    private final List<Long> samples = Collections.synchronizedList(new ArrayList<>());

    public void record(long nanos) {
        samples.add(nanos);
    }

    public int count() {
        return samples.size();
    }

    public double percentileMillis(double percentile) {
        List<Long> sorted;
        synchronized (samples) {
            sorted = new ArrayList<>(samples);
        }
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1_000_000.0;
    }

    public String summary() {
        return String.format("p50 %.2f ms, p99 %.2f ms, max %.2f ms (n=%d)",
                percentileMillis(50), percentileMillis(99), percentileMillis(100), count());
    }
}
