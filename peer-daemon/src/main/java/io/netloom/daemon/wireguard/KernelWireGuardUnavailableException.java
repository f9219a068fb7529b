package io.netloom.daemon.wireguard;

import java.io.IOException;

/** The kernel cannot create WireGuard interfaces (no module); userspace wireguard-go can stand in. */
final class KernelWireGuardUnavailableException extends IOException {

    KernelWireGuardUnavailableException(String reason, Throwable cause) {
        super("the kernel has no WireGuard support (`ip link add` said: " + reason + ")", cause);
    }
}
