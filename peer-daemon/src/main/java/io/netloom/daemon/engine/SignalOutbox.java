package io.netloom.daemon.engine;

/** Sends a signal to a remote peer through the gateway, sealed end to end; false when it cannot be sent now. */
@FunctionalInterface
public interface SignalOutbox {

    boolean send(String toPeerId, String kind, byte[] payload);
}
