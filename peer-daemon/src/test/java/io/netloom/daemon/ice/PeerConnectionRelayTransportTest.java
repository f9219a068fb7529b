package io.netloom.daemon.ice;

import static io.netloom.daemon.ice.IceTestPeers.CONNECT;
import static io.netloom.daemon.ice.IceTestPeers.await;
import static io.netloom.daemon.ice.IceTestPeers.settings;
import static io.netloom.daemon.ice.IceTestPeers.testTimings;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.daemon.relay.RelayTrust;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Peer U sits behind a router that drops every UDP datagram its LAN sends (see {@link NatIceTestLab}): no STUN, no
 * TURN over UDP, no hole punching. With the relay's UDP, TCP and TLS URIs and no setting of its own it still
 * reaches peer A (behind an endpoint-independent NAT) through coturn, over TCP, and over TLS when TCP to the plain
 * TURN port is blocked too. U trusts the public CAs plus the lab's relay CA, as a device told to would. Needs root,
 * {@code ip}, {@code nft} and {@code turnserver}. Deadlines are generous; nothing asserts on durations.
 */
class PeerConnectionRelayTransportTest {

    /** A full WireGuard data message on a 1500-byte link: 1420 bytes of tunnel MTU plus 32 of header, capped. */
    private static final int WIREGUARD_DATAGRAM = 1420;

    @AutoClose
    private static NatIceTestLab lab;
    @AutoClose
    private IceTestPeers peers;

    @BeforeAll
    static void startLab() throws Exception {
        lab = NatIceTestLab.start();
    }

    @AfterEach
    void allowTcpAgain() throws Exception {
        lab.allowTurnTcpFromU();
    }

    @Test
    void connectWhenNetworkDropsUdpThenRelaysOverTcp() throws Exception {
        ConnectionStatus u = connectUToA("tcp");

        assertThat(u.relayServer()).isEqualTo(NatIceTestLab.IP_TURN + ":" + NatIceTestLab.TURN_PORT);
        // Why it is not on UDP is in the status too.
        assertThat(u.candidateIssue()).contains("relay over turn:" + NatIceTestLab.IP_TURN + ":" + NatIceTestLab.TURN_PORT
                + "?transport=tcp after turn:").contains("transport=udp: no response");
    }

    @Test
    void connectWhenNetworkDropsUdpAndTcpToTheTurnPortThenRelaysOverTls() throws Exception {
        lab.blockTurnTcpFromU();

        ConnectionStatus u = connectUToA("tls");

        assertThat(u.relayServer()).isEqualTo(NatIceTestLab.IP_TURN + ":" + NatIceTestLab.TURN_TLS_PORT);
    }

    /** U (controlling) and A both get the relay over every transport; U's path must run over {@code transport}. */
    private ConnectionStatus connectUToA(String transport) throws Exception {
        IceTimings timings = testTimings();
        long udpDroppedBefore = lab.udpDroppedAtU();
        peers = new IceTestPeers(
                settings(NatIceTestLab.IF_U, List.of(lab.coturn().stun()), lab.relaysOverEveryTransport(), timings)
                        .withRelayTrust(RelayTrust.systemDefaultAnd(lab.relayCaFile())),
                settings(NatIceTestLab.IF_A, List.of(lab.coturn().stun()), lab.relaysOverEveryTransport(), timings));
        ConnectionStatus u;
        ConnectionStatus a;
        try {
            u = await(peers.a, ConnectionStatus::connected, CONNECT, "U (no UDP out) connected");
            a = await(peers.b, ConnectionStatus::connected, CONNECT, "A connected");
        } catch (AssertionError e) {
            System.out.println("relay-transport: coturn log:\n" + lab.turnLog());
            throw e;
        }
        System.out.println("relay-transport " + transport + ": U " + u + "\nrelay-transport " + transport + ": A " + a);
        assertThat(u.type()).isEqualTo(ConnectionType.RELAYED);
        assertThat(u.localCandidateType()).isEqualTo("relay");
        assertThat(u.relayTransport()).isEqualTo(transport);
        assertThat(u.candidateIssue()).as("U's STUN and UDP relay got no answer").contains("no response");

        peers.assertDeliversSized(peers.a, peers.wgB, 300, "u-to-a-" + transport, WIREGUARD_DATAGRAM);
        peers.assertDeliversSized(peers.b, peers.wgA, 300, "a-to-u-" + transport, WIREGUARD_DATAGRAM);
        long udpDropped = lab.udpDroppedAtU() - udpDroppedBefore;
        System.out.println("relay-transport " + transport + ": UDP datagrams U's router dropped: " + udpDropped);
        assertThat(udpDropped).as("U did try UDP first").isPositive();
        return u;
    }
}
