package io.netloom.projections.directory;

import java.time.Instant;

/**
 * Whether a peer holds a gateway session, as NetBird reports it.
 *
 * @param lastSeen when the peer last connected or disconnected; null if it never connected
 * @param connectionIp the address its latest session came from; empty if it never connected
 * @param sessionId the gateway session it is connected with; empty when offline
 */
public record PeerPresence(boolean connected, Instant lastSeen, String connectionIp, String sessionId) {

    public static final PeerPresence NEVER_CONNECTED = new PeerPresence(false, null, "", "");
}
