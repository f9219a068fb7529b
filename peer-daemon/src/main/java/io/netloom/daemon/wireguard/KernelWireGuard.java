package io.netloom.daemon.wireguard;

import io.netloom.daemon.link.CommandFailedException;
import io.netloom.daemon.link.Commands;
import io.netloom.daemon.link.InterfaceNames;
import io.netloom.daemon.link.IpPrefix;
import io.netloom.daemon.link.NetworkLinks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A WireGuard interface of the kernel module, configured with the {@code wg} tool. */
public final class KernelWireGuard implements WireGuardDevice {

    private static final Logger log = LoggerFactory.getLogger(KernelWireGuard.class);

    private final String name;

    /** Wraps an existing interface; {@code wg} also drives wireguard-go interfaces, which tests rely on. */
    KernelWireGuard(String name) {
        this.name = InterfaceNames.requireValid(name);
    }

    /**
     * Creates interface {@code name} with the kernel module.
     *
     * @throws KernelWireGuardUnavailableException when the kernel has no WireGuard support
     */
    public static KernelWireGuard create(String name) throws IOException {
        InterfaceNames.requireValid(name);
        try {
            Commands.run("ip", "link", "add", "dev", name, "type", "wireguard");
        } catch (CommandFailedException e) {
            // iproute2 says "Unknown device type" when the module is missing; older versions, or
            // kernels that refuse to load it, answer "Operation not supported".
            String stderr = e.stderr();
            if (stderr.contains("Unknown device type") || stderr.contains("Operation not supported")) {
                throw new KernelWireGuardUnavailableException(stderr.strip(), e);
            }
            throw e;
        }
        return new KernelWireGuard(name);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public InterfaceKind kind() {
        return InterfaceKind.KERNEL;
    }

    @Override
    public void configure(byte[] privateKey, int listenPort) throws IOException {
        if (listenPort < 0 || listenPort > 65535) {
            throw new IllegalArgumentException("listen port must be between 0 and 65535, got " + listenPort);
        }
        // The key goes through stdin: command lines are visible to every user of the machine.
        byte[] key = (WireGuardKeys.privateKeyToBase64(privateKey) + "\n").getBytes(StandardCharsets.US_ASCII);
        Commands.runWithInput(key,
                "wg", "set", name, "private-key", "/dev/stdin", "listen-port", Integer.toString(listenPort));
    }

    @Override
    public int listenPort() throws IOException {
        String port = Commands.run("wg", "show", name, "listen-port").strip();
        try {
            return Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IOException("`wg show " + name + " listen-port` printed no port number");
        }
    }

    @Override
    public void upsertPeer(WireGuardPeer peer) throws IOException {
        List<String> command = new ArrayList<>(List.of("wg", "set", name, "peer", peer.publicKey()));
        if (peer.endpoint() != null) {
            command.addAll(List.of("endpoint", Endpoints.format(peer.endpoint())));
        }
        command.addAll(List.of(
                "persistent-keepalive", Integer.toString(peer.persistentKeepaliveSeconds()),
                // Replaces the peer's list; an empty argument clears it.
                "allowed-ips", peer.allowedPrefixes().stream().map(IpPrefix::toString).collect(Collectors.joining(","))));
        Commands.run(command.toArray(String[]::new));
    }

    @Override
    public void removePeer(String publicKey) throws IOException {
        WireGuardKeys.base64ToHex(publicKey);
        Commands.run("wg", "set", name, "peer", publicKey, "remove");
    }

    @Override
    public List<PeerStatistics> statistics() throws IOException {
        return WgDump.peers(Commands.run("wg", "show", name, "dump"));
    }

    @Override
    public void close() {
        try {
            NetworkLinks.deleteIfPresent(name);
        } catch (IOException e) {
            log.warn("could not remove WireGuard interface {}: {}", name, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "KernelWireGuard[" + name + "]";
    }
}
