package io.netloom.daemon.wireguard;

import java.util.Set;

/** One {@code key=value} line of the WireGuard cross-platform UAPI. */
record UapiPair(String key, String value) {

    private static final Set<String> SECRET_KEYS = Set.of("private_key", "preshared_key");

    @Override
    public String toString() {
        return key + "=" + (SECRET_KEYS.contains(key) ? "(secret)" : value);
    }
}
