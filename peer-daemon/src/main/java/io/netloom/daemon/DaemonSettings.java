package io.netloom.daemon;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.netloom.daemon.link.InterfaceNames;
import java.util.List;

/**
 * How the daemon runs on this device, kept in the state directory so a plain {@code netloom up} reuses it.
 *
 * @param dataPath what carries WireGuard's datagrams on paths from this device's own sockets; absent in files
 *     written before it existed,
 *     which then get the default
 * @param relayCaFile a PEM file of CA certificates a {@code turns:} relay's certificate may also chain to, besides
 *     the runtime's public CAs (a relay with a private CA); {@code null}: the public CAs only
 * @param extraDnsLabels the extra DNS labels this device asks for at enrollment, login and every sign-in at the
 *     gateway (ADR 0046), normalised; none in files written before they existed
 */
public record DaemonSettings(
        @JsonProperty("interface_name") String interfaceName,
        @JsonProperty("wireguard_port") int wireGuardPort,
        @JsonProperty("data_path") DataPathChoice dataPath,
        @JsonProperty("relay_ca_file") String relayCaFile,
        @JsonProperty("extra_dns_labels") List<String> extraDnsLabels) {

    public static final DaemonSettings DEFAULTS = new DaemonSettings("wt0", 51820, DataPathChoice.NFTABLES, null,
            List.of());

    public DaemonSettings {
        InterfaceNames.requireValid(interfaceName);
        if (wireGuardPort < 1 || wireGuardPort > 65535) {
            throw new IllegalArgumentException("WireGuard port " + wireGuardPort + " is not between 1 and 65535");
        }
        if (dataPath == null) {
            dataPath = DataPathChoice.NFTABLES;
        }
        if (relayCaFile != null && relayCaFile.isBlank()) {
            throw new IllegalArgumentException("the relay CA file name is empty");
        }
        extraDnsLabels = ExtraDnsLabelNames.normalized(extraDnsLabels);
    }

    public DaemonSettings withExtraDnsLabels(List<String> labels) {
        return new DaemonSettings(interfaceName, wireGuardPort, dataPath, relayCaFile, labels);
    }

    /** What carries WireGuard's datagrams on paths from this device's own sockets (a relay of its own always needs the proxy). */
    public enum DataPathChoice {
        /** The kernel, steered onto ICE's socket by nftables port rewriting (ADR 0009). */
        @JsonProperty("nftables") NFTABLES,
        /** The daemon's per-peer UDP proxy, as for a relay of this device's own: slower, needs no nftables. */
        @JsonProperty("proxy") PROXY
    }
}
