package io.netloom.ops.bench.history;

import java.io.IOException;
import java.io.InputStream;
import java.util.Random;

/** {@code GET /api/netloom/access-history?source=&destination=}: a pair's access over the account's whole history. */
final class AccessTimeline implements HistoryRequest {

    @Override
    public String name() {
        return "access timeline, whole history";
    }

    @Override
    public HistoryCall next(HistorySubject subject, Random random) {
        HistorySubject.Pair pair = subject.anyPair(random);
        return HistoryCall.get("/api/netloom/access-history?source=" + pair.source().id() + "&destination="
                + pair.destination().id());
    }

    @Override
    public long count(InputStream body) throws IOException {
        return FlowCounter.count(body, "intervals");
    }
}
