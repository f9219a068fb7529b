package io.netloom.ops.lab;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How the pings of some traces came through a fault injected at one moment: each trace's traffic lost, every gap
 * counted whole (ADR 0040's measure), once all of them answer again.
 */
record FaultRecovery(String fault, List<PingTrace> traces, List<PingTrace.Loss> losses) {

    /** Replies to requests sent before the fault may still arrive this long after it (ping's own timeout). */
    private static final Duration IN_FLIGHT = Duration.ofSeconds(1);
    /** Quiet pings after the recovery, so that a path that came back only for a moment shows as lost again. */
    private static final Duration SETTLE = Duration.ofSeconds(2);

    /** Waits up to {@code deadline} for every trace to answer again after the fault at {@code at}, then measures. */
    static FaultRecovery await(String fault, Instant at, List<PingTrace> traces, Duration deadline) {
        for (PingTrace trace : traces) {
            Await.until(trace + " answers again after: " + fault, deadline,
                    () -> trace.answeredAfter(at.plus(IN_FLIGHT)));
        }
        Await.pause(SETTLE);
        Instant settled = Instant.now();
        // From a second before the fault: a gap is counted whole, whenever its first lost ping was sent.
        List<PingTrace.Loss> losses = traces.stream().map(trace -> trace.loss(at.minusSeconds(1), settled)).toList();
        return new FaultRecovery(fault, traces, losses);
    }

    List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < traces.size(); i++) {
            lines.add(traces.get(i) + ": " + fault + ", lost " + losses.get(i));
        }
        return lines;
    }
}
