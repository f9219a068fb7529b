package io.netloom.gateway;

/**
 * Told when a connected peer's reported paths (docs/protocol.md §2c) changed, on the gateway's event loop:
 * implementations must not block. Reports are live state, never events (ADR 0038), so this is the only way to learn
 * of them as they come.
 */
@FunctionalInterface
public interface PathReportListener {

    PathReportListener NONE = peer -> { };

    void pathsChanged(PeerIdentity peer);
}
