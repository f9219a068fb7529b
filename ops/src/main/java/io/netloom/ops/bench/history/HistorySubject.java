package io.netloom.ops.bench.history;

import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * The history under test: when the account's first event happened, when the run started, and its peers with the
 * time each was enrolled, so that a request about a peer asks about an instant at which it existed.
 */
record HistorySubject(Instant first, Instant now, List<Peer> peers) {

    record Peer(String id, Instant enrolled) {
    }

    Instant instantAfter(Instant start, Random random) {
        long span = now.toEpochMilli() - start.toEpochMilli();
        return start.plusMillis(span <= 0 ? 0 : (long) (random.nextDouble() * span));
    }

    Peer anyPeer(Random random) {
        return peers.get(random.nextInt(peers.size()));
    }
}
