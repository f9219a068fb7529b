package io.netloom.daemon.ice;

/** What carries WireGuard's datagrams on a connected path. */
public enum DataPath {
    /** The kernel, on ICE's socket: a path on one of our host sockets, taken by the {@link DirectPathOffload}. */
    KERNEL,
    /** The daemon's {@link WireGuardProxy}: a relay of our own (its framing is ours to add), or no offload. */
    PROXY
}
