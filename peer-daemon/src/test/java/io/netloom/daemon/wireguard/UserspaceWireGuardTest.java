package io.netloom.daemon.wireguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.daemon.link.Commands;
import io.netloom.daemon.link.InterfaceAddressing;
import io.netloom.daemon.link.NetworkLinks;
import io.netloom.daemon.link.RootTools;
import io.netloom.gateway.protocol.X25519Keys;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two wireguard-go interfaces in the root namespace that peer with each other over 127.0.0.1.
 * Their overlay addresses are both local, so a ping would not cross the tunnel; a completed
 * handshake and bytes received on both sides prove the UAPI configuration is real instead.
 */
class UserspaceWireGuardTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private static final X25519Keys KEYS_A = X25519Keys.generate();
    private static final X25519Keys KEYS_B = X25519Keys.generate();

    private static UserspaceWireGuard deviceA;
    private static UserspaceWireGuard deviceB;
    private static int portA;
    private static int portB;

    @BeforeAll
    static void startConnectedPair() throws IOException {
        RootTools.assumeRootWith("ip", "wireguard-go", "wg");
        deviceA = UserspaceWireGuard.start("nlt-wg-a");
        deviceB = UserspaceWireGuard.start("nlt-wg-b");
        deviceA.configure(KEYS_A.privateKey(), 0);
        deviceB.configure(KEYS_B.privateKey(), 0);
        portA = deviceA.listenPort();
        portB = deviceB.listenPort();
        InterfaceAddressing.assign("nlt-wg-a", "100.127.250.1/32", 1420);
        InterfaceAddressing.assign("nlt-wg-b", "100.127.250.2/32", 1420);
        deviceA.upsertPeer(new WireGuardPeer(KEYS_B.publicKeyBase64(), new InetSocketAddress(LOOPBACK, portB),
                List.of("100.127.250.2/32"), 1));
        deviceB.upsertPeer(new WireGuardPeer(KEYS_A.publicKeyBase64(), new InetSocketAddress(LOOPBACK, portA),
                List.of("100.127.250.1/32"), 1));
    }

    @AfterAll
    static void stopPair() {
        if (deviceA != null) {
            deviceA.close();
        }
        if (deviceB != null) {
            deviceB.close();
        }
    }

    @Test
    void statisticsWhenBothSidesConfiguredThenHandshakeCompletesAndBytesFlow() throws Exception {
        Await.until("both sides complete a handshake and receive data",
                () -> hasLiveSession(deviceA, KEYS_B) && hasLiveSession(deviceB, KEYS_A));

        PeerStatistics bSeenFromA = peer(deviceA, KEYS_B).orElseThrow();
        assertThat(bSeenFromA.endpoint()).isEqualTo(new InetSocketAddress(LOOPBACK, portB));
        assertThat(bSeenFromA.sentBytes()).isPositive();
        assertThat(deviceA.kind()).isEqualTo(InterfaceKind.USERSPACE);
        assertThat(deviceA.name()).isEqualTo("nlt-wg-a");
    }

    @Test
    void upsertPeerWhenPeerExistsThenEndpointAndAllowedIpsAreReplaced() throws Exception {
        String third = X25519Keys.generate().publicKeyBase64();
        // No keepalive and no traffic routed to it: wireguard-go never sends anything to this endpoint.
        deviceA.upsertPeer(new WireGuardPeer(third, new InetSocketAddress(LOOPBACK, 9), List.of("100.127.250.3/32"), 0));

        deviceA.upsertPeer(new WireGuardPeer(third, new InetSocketAddress(LOOPBACK, 7),
                List.of("100.127.250.4/32", "100.127.250.5/32"), 0));

        assertThat(peer(deviceA, third).orElseThrow().endpoint()).isEqualTo(new InetSocketAddress(LOOPBACK, 7));
        // Read back with wg, which speaks the same UAPI but parses it independently of our code.
        assertThat(Commands.run("wg", "show", "nlt-wg-a", "allowed-ips"))
                .contains(third + "\t100.127.250.4/32 100.127.250.5/32")
                .doesNotContain("100.127.250.3/32");
        deviceA.removePeer(third);
    }

    @Test
    void removePeerWhenAnotherPeerIsConnectedThenThatPeerKeepsItsSession() throws Exception {
        Await.until("A has a session with B", () -> hasLiveSession(deviceA, KEYS_B));
        String third = X25519Keys.generate().publicKeyBase64();
        deviceA.upsertPeer(new WireGuardPeer(third, null, List.of("100.127.250.6/32"), 0));
        PeerStatistics before = peer(deviceA, KEYS_B).orElseThrow();

        deviceA.removePeer(third);
        deviceA.removePeer(third);

        assertThat(deviceA.statistics()).extracting(PeerStatistics::publicKey).containsExactly(KEYS_B.publicKeyBase64());
        PeerStatistics after = peer(deviceA, KEYS_B).orElseThrow();
        assertThat(after.endpoint()).isEqualTo(before.endpoint());
        assertThat(after.lastHandshake()).isAfterOrEqualTo(before.lastHandshake());
        assertThat(after.receivedBytes()).isGreaterThanOrEqualTo(before.receivedBytes());
    }

    @Test
    void configureWhenListenPortIsTakenThenSaysAddressInUse() throws IOException {
        try (DatagramSocket taken = new DatagramSocket(0);
                UserspaceWireGuard device = UserspaceWireGuard.start("nlt-wg-p")) {
            assertThatThrownBy(() -> device.configure(X25519Keys.generate().privateKey(), taken.getLocalPort()))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("address already in use")
                    .hasMessageStartingWith("WireGuard could not set the private key and listen port "
                            + taken.getLocalPort() + " on nlt-wg-p");
        }
    }

    @Test
    void startWhenCrashedRunLeftInterfaceAndSocketThenReplacesThem() throws IOException {
        String name = "nlt-wg-s";
        Path socket = Path.of("/var/run/wireguard/" + name + ".sock");
        NetworkLinks.deleteIfPresent(name);
        Commands.run("ip", "tuntap", "add", "dev", name, "mode", "tun");
        Files.createDirectories(socket.getParent());
        Files.deleteIfExists(socket);
        // Closing a listening UNIX socket leaves its file behind, as a killed wireguard-go does.
        try (ServerSocketChannel stale = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            stale.bind(UnixDomainSocketAddress.of(socket));
        }

        try (UserspaceWireGuard device = UserspaceWireGuard.start(name)) {
            assertThat(device.listenPort()).isPositive();
            assertThat(NetworkLinks.kind(name)).contains("tun");
        }

        assertThat(NetworkLinks.exists(name)).isFalse();
        assertThat(socket).doesNotExist();
    }

    @Test
    void startWhenNameBelongsToAnotherKindOfInterfaceThenRefusesToDeleteIt() throws IOException {
        String name = "nlt-wg-v";
        NetworkLinks.deleteIfPresent(name);
        Commands.run("ip", "link", "add", "dev", name, "type", "veth", "peer", "name", "nlt-wg-vp");
        try {
            assertThatThrownBy(() -> UserspaceWireGuard.start(name))
                    .isInstanceOf(IOException.class)
                    .hasMessage("interface nlt-wg-v already exists and is a veth interface, not WireGuard; "
                            + "choose another interface name");
            assertThat(NetworkLinks.exists(name)).isTrue();
        } finally {
            NetworkLinks.deleteIfPresent(name);
        }
    }

    private static boolean hasLiveSession(WireGuardDevice device, X25519Keys remote) throws IOException {
        return peer(device, remote).filter(p -> p.lastHandshake() != null && p.receivedBytes() > 0).isPresent();
    }

    private static Optional<PeerStatistics> peer(WireGuardDevice device, X25519Keys remote) throws IOException {
        return peer(device, remote.publicKeyBase64());
    }

    private static Optional<PeerStatistics> peer(WireGuardDevice device, String publicKey) throws IOException {
        return device.statistics().stream().filter(p -> p.publicKey().equals(publicKey)).findFirst();
    }
}
