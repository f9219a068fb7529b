package io.netloom.daemon.dns;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.concurrent.atomic.LongAdder;

/** What the peer's resolver did since it started, for {@code netloom status -d}. */
public final class DnsCounters {

    private final LongAdder answered = new LongAdder();
    private final LongAdder forwarded = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder refused = new LongAdder();

    /** Answered here, from the mesh's names or a custom zone. */
    void answered() {
        answered.increment();
    }

    /** Answered by an upstream resolver. */
    void forwarded() {
        forwarded.increment();
    }

    /** Answered SERVFAIL: no upstream answered in time, a CNAME loop, nobody to ask. */
    void failed() {
        failed.increment();
    }

    /** Malformed, not a plain question, or dropped. */
    void refused() {
        refused.increment();
    }

    public Snapshot snapshot() {
        return new Snapshot(answered.sum(), forwarded.sum(), failed.sum(), refused.sum());
    }

    /** The counts at one moment. */
    public record Snapshot(
            @JsonProperty("answered") long answered,
            @JsonProperty("forwarded") long forwarded,
            @JsonProperty("failed") long failed,
            @JsonProperty("refused") long refused) {
    }
}
