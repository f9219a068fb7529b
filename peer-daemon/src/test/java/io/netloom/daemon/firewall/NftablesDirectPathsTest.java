package io.netloom.daemon.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.daemon.link.CommandResult;
import io.netloom.daemon.link.Commands;
import io.netloom.daemon.link.RootTools;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Offloads paths between sockets on 127.0.0.1 in the root namespace, under an interface name no real interface
 * has: the rules match only the test's own ephemeral ports, and the datagrams go through the real nftables hooks
 * (output, then prerouting on the loopback interface).
 */
class NftablesDirectPathsTest {

    private static final String INTERFACE = "nlt-dptest";
    private static final byte[] WIREGUARD_DATA = {4, 0, 0, 0, 'd', 'a', 't', 'a'};
    private static final byte[] STUN = {0, 1, 0, 0, 0x21, 0x12, (byte) 0xA4, 0x42};
    private static final byte[] PROBE = {(byte) 0xFF, 'N', 'L', 1};

    private final List<String> problems = new ArrayList<>();
    private DatagramSocket wireGuard;
    private DatagramSocket ice;
    private DatagramSocket remote;
    private NftablesDirectPaths paths;

    @BeforeAll
    static void requireNft() {
        RootTools.assumeRootWith("nft");
    }

    @BeforeEach
    void openSockets() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        wireGuard = socket(loopback);
        ice = socket(loopback);
        remote = socket(loopback);
        Nftables.remove(INTERFACE);
        paths = new NftablesDirectPaths(INTERFACE, wireGuard.getLocalPort(), problems::add);
    }

    @AfterEach
    void closeSockets() throws IOException {
        Nftables.remove(INTERFACE);
        wireGuard.close();
        ice.close();
        remote.close();
    }

    @Test
    void installWhenAWireGuardMessageArrivesOnTheIceSocketThenWireGuardGetsItAndIceKeepsTheRest() throws IOException {
        assertThat(paths.install(address(ice), address(remote))).isTrue();

        send(remote, WIREGUARD_DATA, ice);
        send(remote, STUN, ice);
        send(remote, PROBE, ice);

        DatagramPacket steered = receive(wireGuard);
        assertThat(payload(steered)).containsExactly(WIREGUARD_DATA);
        assertThat(steered.getSocketAddress()).as("WireGuard sees the remote end as the sender").isEqualTo(address(remote));
        assertThat(payload(receive(ice))).containsExactly(STUN);
        assertThat(payload(receive(ice))).containsExactly(PROBE);
        assertThat(problems).isEmpty();
    }

    @Test
    void installWhenWireGuardSendsToTheRemoteEndThenItLeavesFromTheIceSocketsPort() throws IOException {
        paths.install(address(ice), address(remote));

        send(wireGuard, WIREGUARD_DATA, remote);

        assertThat(receive(remote).getSocketAddress()).isEqualTo(address(ice));
    }

    @Test
    void removeWhenThePathIsGoneThenWireGuardMessagesReachIceAgain() throws IOException {
        paths.install(address(ice), address(remote));

        paths.remove(address(ice), address(remote));
        send(remote, WIREGUARD_DATA, ice);

        assertThat(payload(receive(ice))).containsExactly(WIREGUARD_DATA);
        assertThat(Commands.run("nft", "list", "table", "inet", DirectPathRuleset.tableName(INTERFACE)))
                .doesNotContain("notrack");
    }

    @Test
    void removeWhenANewerPathToTheSameRemoteReplacedItThenTheNewerOneStays() throws IOException {
        try (DatagramSocket newerIce = socket(InetAddress.getLoopbackAddress())) {
            paths.install(address(ice), address(remote));
            paths.install(address(newerIce), address(remote));

            paths.remove(address(ice), address(remote));
            send(wireGuard, WIREGUARD_DATA, remote);

            assertThat(receive(remote).getSocketAddress()).isEqualTo(address(newerIce));
        }
    }

    @Test
    void installWhenAnEndIsNotIpV4ThenRefusedWithoutTouchingNftables() throws IOException {
        assertThat(paths.install(new InetSocketAddress("::1", 4000), address(remote))).isFalse();

        CommandResult table = Commands.execute(
                List.of("nft", "list", "table", "inet", DirectPathRuleset.tableName(INTERFACE)), null,
                Commands.DEFAULT_TIMEOUT);
        assertThat(table.succeeded()).as("no path table was created").isFalse();
        assertThat(problems).isEmpty();
    }

    private static DatagramSocket socket(InetAddress address) throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(address, 0));
        socket.setSoTimeout(5000);
        return socket;
    }

    private static InetSocketAddress address(DatagramSocket socket) {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    private static void send(DatagramSocket from, byte[] payload, DatagramSocket to) throws IOException {
        from.send(new DatagramPacket(payload, payload.length, address(to)));
    }

    private static DatagramPacket receive(DatagramSocket socket) throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[1500], 1500);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("nothing arrived on " + address(socket), e);
        }
        return packet;
    }

    private static byte[] payload(DatagramPacket packet) {
        return Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getOffset() + packet.getLength());
    }
}
