package io.netloom.gateway;

/**
 * Told when sessions start and end, on the gateway's event loop: implementations must not block
 * (the server sends an asynchronous command).
 */
public interface PresenceRecorder {

    void connected(PeerIdentity peer, String sessionId, String remoteAddress, String daemonVersion);

    void disconnected(PeerIdentity peer, String sessionId);
}
