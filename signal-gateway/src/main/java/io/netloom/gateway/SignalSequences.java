package io.netloom.gateway;

import io.netloom.domain.ids.PeerId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The highest sequence number relayed from each sender to each recipient. Senders number their
 * signals with a clock-based, strictly increasing counter, so the record survives reconnects and
 * a replayed message is recognised even after the original session ended.
 */
final class SignalSequences {

    private final Map<PeerId, Map<PeerId, Long>> highest = new ConcurrentHashMap<>();

    /** Records {@code sequence} if it is above everything relayed from sender to recipient before. */
    boolean advance(PeerId sender, PeerId recipient, long sequence) {
        Map<PeerId, Long> bySender = highest.computeIfAbsent(sender, key -> new ConcurrentHashMap<>());
        boolean[] advanced = new boolean[1];
        bySender.compute(recipient, (key, previous) -> {
            advanced[0] = previous == null || sequence > previous;
            return advanced[0] ? sequence : previous;
        });
        return advanced[0];
    }

    void forget(PeerId peer) {
        highest.remove(peer);
        highest.values().forEach(bySender -> bySender.remove(peer));
    }
}
