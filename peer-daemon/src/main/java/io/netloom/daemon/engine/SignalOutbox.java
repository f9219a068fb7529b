package io.netloom.daemon.engine;

/** Sends a signal to a remote peer through the gateway, sealed end to end; false when it cannot be sent now. */
public interface SignalOutbox {

    boolean send(String toPeerId, String kind, byte[] payload);

    /** A path went quiet: check the route to the gateway now, which may have died with it. */
    default void confirmRoute() {
    }
}
