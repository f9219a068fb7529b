package io.netloom.daemon.wireguard;

import io.netloom.daemon.link.Commands;
import io.netloom.daemon.link.NetworkLinks;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clears an interface of the daemon's name left behind by an earlier run that crashed, so the new
 * one can be created. Deleting a wireguard-go interface also ends an orphaned wireguard-go, which
 * exits when its TUN device disappears.
 */
final class LeftoverInterface {

    // wireguard-go interfaces show up as plain TUN devices.
    private static final Set<String> WIREGUARD_KINDS = Set.of("wireguard", "tun");

    private static final Logger log = LoggerFactory.getLogger(LeftoverInterface.class);

    private LeftoverInterface() {
    }

    static void removeIfPresent(String name) throws IOException {
        Optional<String> kind = NetworkLinks.kind(name);
        if (kind.isEmpty()) {
            return;
        }
        // Never delete something that is not ours: the name may have been mistyped as "eth0".
        if (!WIREGUARD_KINDS.contains(kind.get())) {
            throw new IOException("interface " + name + " already exists and is a " + kind.get()
                    + " interface, not WireGuard; choose another interface name");
        }
        log.warn("removing interface {} ({}) left over from an earlier run", name, kind.get());
        Commands.run("ip", "link", "del", "dev", name);
    }
}
