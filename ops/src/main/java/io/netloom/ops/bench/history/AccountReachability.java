package io.netloom.ops.bench.history;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Random;

/** {@code GET /api/netloom/reachability?at=}: every flow of the account at a random instant, streamed. */
final class AccountReachability implements HistoryRequest {

    @Override
    public String name() {
        return "reachability, whole account";
    }

    @Override
    public HttpRequest.Builder next(HistorySubject subject, Random random) {
        return HttpRequest.newBuilder(URI.create("/api/netloom/reachability?at="
                + subject.instantAfter(subject.first(), random))).GET();
    }

    @Override
    public long count(InputStream body) throws IOException {
        return FlowCounter.count(body, "flows");
    }
}
