package io.netloom.ops.bench.history;

import java.io.IOException;
import java.io.InputStream;
import java.util.Random;

/** {@code GET /api/netloom/reachability?at=}: every flow of the account at a random instant, streamed. */
final class AccountReachability implements HistoryRequest {

    @Override
    public String name() {
        return "reachability, whole account";
    }

    @Override
    public HistoryCall next(HistorySubject subject, Random random) {
        return HistoryCall.get("/api/netloom/reachability?at="
                + subject.instantAfter(subject.first(), random));
    }

    @Override
    public long count(InputStream body) throws IOException {
        return FlowCounter.count(body, "flows");
    }
}
