package io.netloom.daemon.ice;

/** How the selected path runs: {@code P2P} when neither candidate is a TURN relay, {@code RELAYED} otherwise. */
public enum ConnectionType {
    P2P,
    RELAYED
}
