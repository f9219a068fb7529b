package io.netloom.daemon.ice;

import static io.netloom.daemon.ice.IceTestPeers.CONNECT;
import static io.netloom.daemon.ice.IceTestPeers.await;
import static io.netloom.daemon.ice.IceTestPeers.testTimings;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two peers behind NAT routers (one endpoint-independent, one symmetric) with coturn on the "internet" side, as in
 * the real lab (see {@link NatIceTestLab}): no P2P path can work, only coturn's relay. Needs root, {@code ip},
 * {@code nft} and {@code turnserver} (skipped otherwise). Deadlines are generous; nothing asserts on durations.
 */
class PeerConnectionNatTest {

    @AutoClose
    private static NatIceTestLab lab;
    @AutoClose
    private IceTestPeers peers;

    @BeforeAll
    static void startLab() throws Exception {
        lab = NatIceTestLab.start();
        String capture = System.getProperty("nlt.capture");
        if (capture != null) {
            lab.captureTo(Path.of(capture));
        }
    }

    @AfterAll
    static void holdLab() throws Exception {
        // Debugging: keeps the lab up while the file named by nlt.holdLab exists (@AutoClose closes it after this).
        String hold = System.getProperty("nlt.holdLab");
        while (hold != null && java.nio.file.Files.exists(Path.of(hold))) {
            Thread.sleep(500);
        }
    }

    @Test
    void connectWhenBothPeersBehindSymmetricNatsThenDataCrossesOneRelay() throws Exception {
        peers = IceTestPeers.viaCoturn(lab.coturn(), NatIceTestLab.IF_C, NatIceTestLab.IF_D, testTimings());

        ConnectionStatus c;
        ConnectionStatus d;
        try {
            c = await(peers.a, ConnectionStatus::connected, CONNECT, "C (symmetric NAT) connected");
            d = await(peers.b, ConnectionStatus::connected, CONNECT, "D (symmetric NAT) connected");
        } catch (AssertionError e) {
            System.out.println("nat-symmetric: coturn log:\n" + lab.turnLog());
            throw e;
        }
        System.out.println("nat-symmetric: C " + c + "\nnat-symmetric: D " + d);
        // One side sends through its allocation to the other's peer-reflexive address (learnt from its checks, let
        // in by the permission for its IP address); the other sends from its host socket to the relayed address.
        List<String> relayed = List.of(c.localCandidateType(), c.remoteCandidateType());
        assertThat(relayed).as("exactly one end of the pair is a relayed candidate").containsOnlyOnce("relay");
        ConnectionStatus relaySide = "relay".equals(c.localCandidateType()) ? c : d;
        assertThat(relaySide.remoteCandidateType()).isEqualTo("prflx");

        long relayedBefore = lab.relayedDatagrams();
        peers.assertDelivers(peers.a, peers.wgB, 300, "sym-c-to-d");
        peers.assertDelivers(peers.b, peers.wgA, 300, "sym-d-to-c");
        long relayedOut = lab.relayedDatagrams() - relayedBefore;
        System.out.println("nat-symmetric: datagrams that left coturn's relay ports while 600 crossed: " + relayedOut);
        // One relay: only the direction towards the relay side's peer leaves a relay port (300, plus path probes);
        // through two relays every datagram of both directions would (600).
        assertThat(relayedOut).isBetween(300L, 450L);
    }

    @Test
    void peersBehindEndpointIndependentAndSymmetricNatsConnectThroughTheRelay() throws Exception {
        peers = IceTestPeers.viaCoturn(lab.coturn(), NatIceTestLab.IF_A, NatIceTestLab.IF_C, testTimings());

        ConnectionStatus a;
        ConnectionStatus c;
        try {
            a = await(peers.a, ConnectionStatus::connected, CONNECT, "A (EIM NAT) connected");
            c = await(peers.b, ConnectionStatus::connected, CONNECT, "C (symmetric NAT) connected");
        } catch (AssertionError e) {
            System.out.println("nat: coturn log:\n" + lab.turnLog());
            throw e;
        }
        System.out.println("nat: A " + a + "\nnat: C " + c);
        assertThat(a.type()).isEqualTo(ConnectionType.RELAYED);
        assertThat(c.type()).isEqualTo(ConnectionType.RELAYED);
        assertThat(List.of(a.localCandidateType(), a.remoteCandidateType())).contains("relay");

        long relayedBefore = lab.relayedDatagrams();
        peers.assertDelivers(peers.a, peers.wgB, 300, "nat-a-to-c");
        peers.assertDelivers(peers.b, peers.wgA, 300, "nat-c-to-a");
        long relayed = lab.relayedDatagrams() - relayedBefore;
        System.out.println("nat: datagrams that left coturn's relay ports while 600 crossed: " + relayed);
        assertThat(relayed).isGreaterThanOrEqualTo(300);
    }
}
