package io.netloom.daemon.ice;

/** What carries WireGuard's datagrams on a connected path. */
public enum DataPath {
    /** The kernel, on ICE's socket: a P2P path taken by the {@link DirectPathOffload}. */
    KERNEL,
    /** The daemon's {@link WireGuardProxy}: relayed paths, and P2P paths without offload. */
    PROXY
}
