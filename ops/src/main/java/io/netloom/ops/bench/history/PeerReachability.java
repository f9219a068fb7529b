package io.netloom.ops.bench.history;

import java.io.IOException;
import java.io.InputStream;
import java.util.Random;

/** {@code GET /api/netloom/reachability?at=&peer=}: one peer's flows at a random instant of its life. */
final class PeerReachability implements HistoryRequest {

    @Override
    public String name() {
        return "reachability, one peer";
    }

    @Override
    public HistoryCall next(HistorySubject subject, Random random) {
        HistorySubject.Peer peer = subject.anyPeer(random);
        return HistoryCall.get("/api/netloom/reachability?at="
                + subject.instantAfter(peer.enrolled(), random) + "&peer=" + peer.id());
    }

    @Override
    public long count(InputStream body) throws IOException {
        return FlowCounter.count(body, "flows");
    }
}
