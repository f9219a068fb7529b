package io.netloom.daemon.dns;

import io.netloom.daemon.status.DnsStatus;
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

    public DnsStatus.Queries snapshot() {
        return new DnsStatus.Queries(answered.sum(), forwarded.sum(), failed.sum(), refused.sum());
    }
}
