package io.netloom.gateway;

import io.netloom.domain.peer.ExtraDnsLabels;

/**
 * Told when sessions start and end, on the gateway's event loop: implementations must not block
 * (the server sends an asynchronous command).
 */
public interface PresenceRecorder {

    /**
     * @param extraDnsLabels the extra DNS labels the peer asked for at sign-in, checked and allowed; {@code null}: it
     *     said nothing of them
     */
    void connected(PeerIdentity peer, String sessionId, String remoteAddress, String daemonVersion,
            ExtraDnsLabels extraDnsLabels);

    void disconnected(PeerIdentity peer, String sessionId);
}
