package io.netloom.ops.bench.history;

import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * The history under test: when the account's first event happened, when the run started, and its peers with the
 * time each was enrolled, so that a request about a peer asks about an instant at which it existed.
 */
record HistorySubject(Instant first, Instant now, List<Peer> peers, List<Policy> policies) {

    record Peer(String id, Instant enrolled) {
    }

    record Pair(Peer source, Peer destination) {

        Instant bothEnrolled() {
            return source.enrolled().isAfter(destination.enrolled()) ? source.enrolled() : destination.enrolled();
        }
    }

    /** A policy by its id and its first rule's groups, as JSON arrays of group ids. */
    record Policy(String id, String sourcesJson, String destinationsJson) {
    }

    Instant instantAfter(Instant start, Random random) {
        long span = now.toEpochMilli() - start.toEpochMilli();
        return start.plusMillis(span <= 0 ? 0 : (long) (random.nextDouble() * span));
    }

    Peer anyPeer(Random random) {
        return peers.get(random.nextInt(peers.size()));
    }

    /** Two different peers: half the time neighbours in the list, half the time any two. */
    Pair anyPair(Random random) {
        int source = random.nextInt(peers.size());
        int destination = random.nextBoolean() ? (source + 1) % peers.size() : random.nextInt(peers.size());
        if (destination == source) {
            destination = (source + 1) % peers.size();
        }
        return new Pair(peers.get(source), peers.get(destination));
    }

    Policy anyPolicy(Random random) {
        if (policies.isEmpty()) {
            throw new IllegalStateException("the account has no policy to try a change on");
        }
        return policies.get(random.nextInt(policies.size()));
    }
}
