package io.netloom.daemon;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.netloom.daemon.link.InterfaceNames;

/**
 * How the daemon runs on this device, kept in the state directory so a plain {@code netloom up} reuses it.
 *
 * @param dataPath what carries WireGuard's datagrams on paths from this device's own sockets; absent in files
 *     written before it existed,
 *     which then get the default
 */
public record DaemonSettings(
        @JsonProperty("interface_name") String interfaceName,
        @JsonProperty("wireguard_port") int wireGuardPort,
        @JsonProperty("data_path") DataPathChoice dataPath) {

    public static final DaemonSettings DEFAULTS = new DaemonSettings("wt0", 51820, DataPathChoice.NFTABLES);

    public DaemonSettings {
        InterfaceNames.requireValid(interfaceName);
        if (wireGuardPort < 1 || wireGuardPort > 65535) {
            throw new IllegalArgumentException("WireGuard port " + wireGuardPort + " is not between 1 and 65535");
        }
        if (dataPath == null) {
            dataPath = DataPathChoice.NFTABLES;
        }
    }

    /** What carries WireGuard's datagrams on paths from this device's own sockets (a relay of its own always needs the proxy). */
    public enum DataPathChoice {
        /** The kernel, steered onto ICE's socket by nftables port rewriting (ADR 0009). */
        @JsonProperty("nftables") NFTABLES,
        /** The daemon's per-peer UDP proxy, as for a relay of this device's own: slower, needs no nftables. */
        @JsonProperty("proxy") PROXY
    }
}
