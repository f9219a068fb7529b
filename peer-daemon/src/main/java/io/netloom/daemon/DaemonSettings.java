package io.netloom.daemon;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.netloom.daemon.link.InterfaceNames;

/**
 * How the daemon runs on this device, kept in the state directory so a plain {@code netloom up} reuses it.
 *
 * @param p2pDataPath what carries WireGuard's datagrams on P2P paths; absent in files written before it existed,
 *     which then get the default
 */
public record DaemonSettings(
        @JsonProperty("interface_name") String interfaceName,
        @JsonProperty("wireguard_port") int wireGuardPort,
        @JsonProperty("p2p_data_path") P2pDataPath p2pDataPath) {

    public static final DaemonSettings DEFAULTS = new DaemonSettings("wt0", 51820, P2pDataPath.NFTABLES);

    public DaemonSettings {
        InterfaceNames.requireValid(interfaceName);
        if (wireGuardPort < 1 || wireGuardPort > 65535) {
            throw new IllegalArgumentException("WireGuard port " + wireGuardPort + " is not between 1 and 65535");
        }
        if (p2pDataPath == null) {
            p2pDataPath = P2pDataPath.NFTABLES;
        }
    }

    /** What carries WireGuard's datagrams on P2P paths (relayed paths always go through the daemon's proxy). */
    public enum P2pDataPath {
        /** The kernel, steered onto ICE's socket by nftables port rewriting (ADR 0009). */
        @JsonProperty("nftables") NFTABLES,
        /** The daemon's per-peer UDP proxy, as for relayed paths: slower, needs no nftables. */
        @JsonProperty("proxy") PROXY
    }
}
