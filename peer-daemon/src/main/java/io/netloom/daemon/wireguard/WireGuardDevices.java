package io.netloom.daemon.wireguard;

import io.netloom.daemon.link.InterfaceNames;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the daemon's WireGuard interface with the best implementation this machine offers. */
public final class WireGuardDevices {

    private static final Logger log = LoggerFactory.getLogger(WireGuardDevices.class);

    private WireGuardDevices() {
    }

    /**
     * Creates interface {@code name}: with the kernel module when there is one, else with
     * wireguard-go. An interface of that name left over from a crashed run is removed first.
     */
    public static WireGuardDevice open(String name) throws IOException {
        InterfaceNames.requireValid(name);
        LeftoverInterface.removeIfPresent(name);
        try {
            WireGuardDevice device = KernelWireGuard.create(name);
            log.info("WireGuard interface {} uses the kernel module", name);
            return device;
        } catch (KernelWireGuardUnavailableException e) {
            log.info("{}; running interface {} with userspace wireguard-go", e.getMessage(), name);
            return UserspaceWireGuard.start(name);
        }
    }
}
