package io.netloom.daemon;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the daemon runs on this device, kept in the state directory so a plain {@code netloom up} reuses it. */
public record DaemonSettings(
        @JsonProperty("interface_name") String interfaceName,
        @JsonProperty("wireguard_port") int wireGuardPort) {

    public static final DaemonSettings DEFAULTS = new DaemonSettings("wt0", 51820);
    private static final java.util.regex.Pattern INTERFACE_NAME = java.util.regex.Pattern.compile("[a-zA-Z0-9_.-]{1,15}");

    public DaemonSettings {
        if (interfaceName == null || !INTERFACE_NAME.matcher(interfaceName).matches()) {
            throw new IllegalArgumentException("interface name '" + interfaceName
                    + "' must be 1 to 15 letters, digits, '.', '_' or '-'");
        }
        if (wireGuardPort < 1 || wireGuardPort > 65535) {
            throw new IllegalArgumentException("WireGuard port " + wireGuardPort + " is not between 1 and 65535");
        }
    }
}
