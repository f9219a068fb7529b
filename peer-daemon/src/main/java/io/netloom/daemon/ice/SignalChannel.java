package io.netloom.daemon.ice;

/**
 * How this peer's ICE messages reach the remote peer: the daemon passes them through its forward-secret channel with
 * that peer (every offer waits for a fresh handshake, ADR 0016) and relays them through the gateway. Kinds used:
 * {@code "offer"}, {@code "answer"} and {@code "close"} (the gateway also knows {@code "candidate"}, unused:
 * negotiation is vanilla ICE). Implementations must not block for long; a message that cannot be delivered may be
 * dropped (offers are retried, each with a new handshake).
 */
@FunctionalInterface
public interface SignalChannel {

    void send(String kind, byte[] payload);
}
