package io.netloom.server.audit.history;

import io.netloom.domain.ids.PeerId;
import io.netloom.projections.history.PeerScopedEvents;
import java.util.List;
import java.util.Set;

/**
 * Which of an account's events a replay reads, decided in the store's query so that the others are never read
 * or deserialized: every event but those of the skipped payload types, and of the peer-scoped types only those
 * whose payload names one of the given peers (the peers each chain link records, ADR 0035 decision 11).
 */
public record EventSelection(Set<String> skippedPayloadTypes, Set<String> peerScopedPayloadTypes,
        List<PeerId> namedPeers) {

    public static final EventSelection EVERY_EVENT = new EventSelection(Set.of(), Set.of(), List.of());

    public EventSelection {
        skippedPayloadTypes = Set.copyOf(skippedPayloadTypes);
        peerScopedPayloadTypes = Set.copyOf(peerScopedPayloadTypes);
        namedPeers = List.copyOf(namedPeers);
    }

    public static EventSelection skipping(Set<String> payloadTypes) {
        return new EventSelection(payloadTypes, Set.of(), List.of());
    }

    /** For a question about two peers only: besides the skipped types, other peers' own events are left out. */
    public static EventSelection aboutPair(Set<String> skippedPayloadTypes, PeerId first, PeerId second) {
        return new EventSelection(skippedPayloadTypes, PeerScopedEvents.payloadTypes(), List.of(first, second));
    }

    String[] namedPeerIds() {
        return namedPeers.stream().map(PeerId::value).toArray(String[]::new);
    }
}
