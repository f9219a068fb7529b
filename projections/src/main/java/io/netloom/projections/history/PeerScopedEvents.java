package io.netloom.projections.history;

import io.netloom.domain.group.PeersAddedToGroupEvent;
import io.netloom.domain.group.PeersRemovedFromGroupEvent;
import io.netloom.domain.peer.PeerApprovedEvent;
import io.netloom.domain.peer.PeerDeletedEvent;
import io.netloom.domain.peer.PeerEnrolledEvent;
import io.netloom.domain.peer.PeerLoginExpiredEvent;
import io.netloom.domain.peer.PeerLoginRenewedEvent;
import io.netloom.domain.peer.PeerOverlayIpChangedEvent;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Events that change the network model only for the peers they name: an enrollment, approval, expiry, address
 * change or deletion of a peer, and memberships. A question about two peers can leave out every such event that
 * names neither of them, because whether one reaches the other depends on their own standing and groups and on
 * the policies, never on other peers ({@code AccessFlows.between}). Each names its peers in its payload
 * ({@code PeerScopedEventsTest}), which is what lets the store pick them out without reading them.
 */
public final class PeerScopedEvents {

    public static final List<Class<? extends Record>> TYPES = List.of(
            PeerEnrolledEvent.class, PeerApprovedEvent.class, PeerLoginExpiredEvent.class,
            PeerLoginRenewedEvent.class, PeerOverlayIpChangedEvent.class, PeerDeletedEvent.class,
            PeersAddedToGroupEvent.class, PeersRemovedFromGroupEvent.class);

    private PeerScopedEvents() {
    }

    /** Their payload type names as the event store records them. */
    public static Set<String> payloadTypes() {
        return TYPES.stream().map(Class::getName).collect(Collectors.toUnmodifiableSet());
    }
}
