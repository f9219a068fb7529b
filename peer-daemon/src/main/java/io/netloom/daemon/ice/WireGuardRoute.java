package io.netloom.daemon.ice;

import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * Where WireGuard sends one peer's datagrams: straight to the remote end while the kernel carries the active path
 * ({@link DirectPathOffload}), else to the {@link WireGuardProxy}. Tells its listener each time that changes.
 * Used on the connection's actor thread only; {@link #endpoint()} from any thread.
 */
final class WireGuardRoute {

    private final WireGuardProxy proxy;
    private final DirectPathOffload offload;
    private final Consumer<InetSocketAddress> listener;
    private volatile InetSocketAddress endpoint;

    WireGuardRoute(WireGuardProxy proxy, DirectPathOffload offload, Consumer<InetSocketAddress> listener) {
        this.proxy = proxy;
        this.offload = offload;
        this.listener = listener;
        this.endpoint = proxy.localAddress();
    }

    InetSocketAddress endpoint() {
        return endpoint;
    }

    /**
     * Points WireGuard at {@code path}: at the remote end when the path runs on one of our host sockets and the
     * offload takes it, else at the proxy (also when there is no path: the proxy keeps WireGuard's handshake for
     * the next one). A relayed path qualifies when the relay is the remote end's, as this side then sends plain
     * UDP to the relay's address; only a relay of our own needs the proxy's framing.
     */
    void follow(IcePath path) {
        InetSocketAddress target = proxy.localAddress();
        if (path != null && path.hostSocketAddress() != null
                && offload.install(path.hostSocketAddress(), path.remoteSocketAddress())) {
            path.markOffloaded(true);
            target = path.remoteSocketAddress();
        }
        if (!target.equals(endpoint)) {
            endpoint = target;
            listener.accept(target);
        }
    }

    /** Ends the offload of a path that is replaced or closed; datagrams still arriving on it go to the proxy. */
    void release(IcePath path) {
        if (path.offloaded()) {
            path.markOffloaded(false);
            offload.remove(path.hostSocketAddress(), path.remoteSocketAddress());
        }
    }
}
