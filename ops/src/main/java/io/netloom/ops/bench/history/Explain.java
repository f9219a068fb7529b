package io.netloom.ops.bench.history;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * {@code GET /api/netloom/explain?source=&destination=&at=}: why one peer could or could not reach another at a
 * random instant of both their lives; half the pairs are neighbours in the peer list (in a replay store, mostly the
 * same group, so allowed), half any two peers (mostly denied), and half the questions name tcp port 22.
 */
final class Explain implements HistoryRequest {

    @Override
    public String name() {
        return "explain";
    }

    @Override
    public HistoryCall next(HistorySubject subject, Random random) {
        HistorySubject.Pair pair = subject.anyPair(random);
        String traffic = random.nextBoolean() ? "&protocol=tcp&port=22" : "";
        return HistoryCall.get("/api/netloom/explain?source=" + pair.source().id() + "&destination="
                + pair.destination().id() + traffic + "&at=" + subject.instantAfter(pair.bothEnrolled(), random));
    }

    /** 1 for an allowed answer: the mean is the share of allowed questions. */
    @Override
    public long count(InputStream body) throws IOException {
        return new String(body.readAllBytes(), StandardCharsets.UTF_8).contains("\"allowed\":true") ? 1 : 0;
    }
}
