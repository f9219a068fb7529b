package io.netloom.daemon.wireguard;

/** How a WireGuard interface is implemented: by the wireguard-go process or by the kernel module. */
public enum InterfaceKind {
    USERSPACE,
    KERNEL
}
