package io.netloom.daemon.ice;

import java.net.InetSocketAddress;

/**
 * Lets WireGuard use the UDP socket of a path itself, in the kernel, instead of going through the
 * {@link WireGuardProxy}: any path that runs on one of our host sockets, P2P or relayed through the remote end's
 * TURN allocation (this side then sends plain UDP to the relay's address).
 *
 * <p>ICE punched the NAT holes for the 5-tuple {@code local ↔ remote}; WireGuard listens on its own port. An
 * offload makes WireGuard's datagrams to {@code remote} leave from {@code local}'s port and steers WireGuard's
 * datagrams arriving on {@code local} to WireGuard, so the path is the same on the wire and no byte crosses the
 * daemon. ICE keeps its checks, keep-alives and the path probes on the socket (ADR 0009).
 */
public interface DirectPathOffload {

    /** Offloads the path; {@code false} when it cannot (the proxy then carries it). Never throws. */
    boolean install(InetSocketAddress local, InetSocketAddress remote);

    /** Ends the offload of that path, if it is the one installed for {@code remote}. Never throws. */
    void remove(InetSocketAddress local, InetSocketAddress remote);

    /** Every path through the proxy. */
    DirectPathOffload NONE = new DirectPathOffload() {
        @Override
        public boolean install(InetSocketAddress local, InetSocketAddress remote) {
            return false;
        }

        @Override
        public void remove(InetSocketAddress local, InetSocketAddress remote) {
        }
    };
}
