package io.netloom.daemon;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.netloom.daemon.link.InterfaceNames;

/** How the daemon runs on this device, kept in the state directory so a plain {@code netloom up} reuses it. */
public record DaemonSettings(
        @JsonProperty("interface_name") String interfaceName,
        @JsonProperty("wireguard_port") int wireGuardPort) {

    public static final DaemonSettings DEFAULTS = new DaemonSettings("wt0", 51820);

    public DaemonSettings {
        InterfaceNames.requireValid(interfaceName);
        if (wireGuardPort < 1 || wireGuardPort > 65535) {
            throw new IllegalArgumentException("WireGuard port " + wireGuardPort + " is not between 1 and 65535");
        }
    }
}
