package io.netloom.daemon.ice;

/**
 * How this peer's ICE messages reach the remote peer: the engine seals them end to end and relays them
 * through the gateway. Kinds used: {@code "offer"}, {@code "answer"} and {@code "close"} (the gateway also
 * knows {@code "candidate"}, unused: negotiation is vanilla ICE). Implementations must not block for long;
 * a message that cannot be delivered may be dropped (offers are retried).
 */
@FunctionalInterface
public interface SignalChannel {

    void send(String kind, byte[] payload);
}
