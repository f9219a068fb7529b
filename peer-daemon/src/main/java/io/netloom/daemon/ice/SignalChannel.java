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

    /**
     * The path to the remote peer went quiet. Whatever cut it (the device's public address changed, its NAT forgot
     * the connection) may have cut the route signals take too, which the replacement negotiation is about to need:
     * check it now.
     */
    default void confirmRoute() {
    }
}
