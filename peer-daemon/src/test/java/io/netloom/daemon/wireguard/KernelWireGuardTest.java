package io.netloom.daemon.wireguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.daemon.link.Commands;
import io.netloom.daemon.link.NetworkLinks;
import io.netloom.daemon.link.RootTools;
import io.netloom.gateway.protocol.X25519Keys;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * This kernel has no WireGuard module, but {@code wg} drives wireguard-go interfaces through the
 * same UAPI socket, so every {@code wg} invocation of {@link KernelWireGuard} can still run for real.
 */
class KernelWireGuardTest {

    @Test
    void wgCommandsWhenRunAgainstALiveInterfaceThenConfigureAndReportPeers() throws IOException {
        RootTools.assumeRootWith("ip", "wireguard-go", "wg");
        X25519Keys keys = X25519Keys.generate();
        String peerKey = X25519Keys.generate().publicKeyBase64();
        InetSocketAddress endpoint = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);
        try (UserspaceWireGuard userspace = UserspaceWireGuard.start("nlt-wg-k")) {
            KernelWireGuard device = new KernelWireGuard("nlt-wg-k");

            device.configure(keys.privateKey(), 0);
            device.upsertPeer(new WireGuardPeer(peerKey, endpoint, List.of("100.127.250.9/32"), 0));

            assertThat(Commands.run("wg", "show", "nlt-wg-k", "public-key").strip()).isEqualTo(keys.publicKeyBase64());
            assertThat(device.listenPort()).isEqualTo(userspace.listenPort()).isPositive();
            assertThat(device.statistics()).containsExactly(new PeerStatistics(peerKey, endpoint, null, 0, 0));
            assertThat(Commands.run("wg", "show", "nlt-wg-k", "allowed-ips")).contains("100.127.250.9/32");

            device.upsertPeer(new WireGuardPeer(peerKey, null, List.of(), 0));
            assertThat(Commands.run("wg", "show", "nlt-wg-k", "allowed-ips")).doesNotContain("100.127.250.9/32");
            assertThat(device.statistics()).extracting(PeerStatistics::endpoint).containsExactly(endpoint);

            device.removePeer(peerKey);
            assertThat(device.statistics()).isEmpty();
        }
    }

    @Test
    void createWhenKernelHasNoWireGuardModuleThenSignalsTheFallback() throws IOException {
        RootTools.assumeRootWith("ip");
        NetworkLinks.deleteIfPresent("nlt-wg-km");
        try {
            KernelWireGuard.create("nlt-wg-km").close();
        } catch (KernelWireGuardUnavailableException e) {
            assertThat(e).hasMessageStartingWith("the kernel has no WireGuard support (`ip link add` said: ");
        }
        assertThat(NetworkLinks.exists("nlt-wg-km")).isFalse();
    }

    @Test
    void removePeerWhenKeyIsMalformedThenRejectedBeforeRunningWg() {
        assertThatThrownBy(() -> new KernelWireGuard("nlt-wg-k").removePeer("--help"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
