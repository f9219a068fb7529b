package io.netloom.daemon.ice;

import static io.netloom.daemon.ice.IceTestPeers.CONNECT;
import static io.netloom.daemon.ice.IceTestPeers.await;
import static io.netloom.daemon.ice.IceTestPeers.settings;
import static io.netloom.daemon.ice.IceTestPeers.testTimings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.netloom.daemon.relay.RelayTransport;
import io.netloom.daemon.relay.RelayTrust;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Peer U sits behind a router that drops every UDP datagram its LAN sends (see {@link NatIceTestLab}): no STUN, no
 * TURN over UDP, no hole punching. With the relay's UDP, TCP and TLS URIs and no setting of its own it still
 * reaches peer A (behind an endpoint-independent NAT) through coturn, over TCP, and over TLS when TCP to the plain
 * TURN port is blocked too. U trusts the public CAs plus the lab's relay CA, as a device told to would. The second
 * negotiation of the same device goes straight to the transport that worked (ADR 0041). Needs root, {@code ip},
 * {@code nft} and {@code turnserver}. Deadlines are generous; nothing asserts on durations (they are printed).
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
    void restoreRouterU() throws Exception {
        awaitBackgroundProbes();
        lab.allowTurnTcpFromU();
        lab.blockUdpFromU();
    }

    @Test
    void connectWhenNetworkDropsUdpThenRelaysOverTcp() throws Exception {
        ConnectionStatus u = connectUToA(settingsU(new RelayTransportMemory()), "tcp");

        assertThat(u.relayServer()).isEqualTo(NatIceTestLab.IP_TURN + ":" + NatIceTestLab.TURN_PORT);
        // Why it is not on UDP is in the status too.
        assertThat(u.candidateIssue()).contains("relay over turn:" + NatIceTestLab.IP_TURN + ":" + NatIceTestLab.TURN_PORT
                + "?transport=tcp after turn:").contains("transport=udp: no response");
        assertThat(u.relayFallback()).singleElement().satisfies(step -> {
            assertThat(step.transport()).isEqualTo("udp");
            assertThat(step.skipped()).isFalse();
            assertThat(step.reason()).isEqualTo("no response");
        });
    }

    @Test
    void connectWhenNetworkDropsUdpAndTcpToTheTurnPortThenRelaysOverTls() throws Exception {
        lab.blockTurnTcpFromU();

        ConnectionStatus u = connectUToA(settingsU(new RelayTransportMemory()), "tls");

        assertThat(u.relayServer()).isEqualTo(NatIceTestLab.IP_TURN + ":" + NatIceTestLab.TURN_TLS_PORT);
    }

    /**
     * ADR 0041: the second negotiation of the same device (its memory shared, as by all connections of a daemon)
     * asks neither STUN nor TURN over UDP, and says so in its status.
     */
    @Test
    void connectAgainWhenUdpWasSilentThenNeitherStunNorRelayOverUdpIsTriedAndTcpIsAtOnce() throws Exception {
        IceSettings u = settingsU(new RelayTransportMemory());
        connectUToA(u, "tcp");
        awaitSkipped(u, UDP_TO_TURN);
        long firstMillis = peers.a.connectedAfterMillis();
        peers.close();
        long udpToTurnBefore = lab.udpToTurnFromU();

        ConnectionStatus again = connect(u, "tcp");

        long secondMillis = peers.a.connectedAfterMillis();
        System.out.printf("relay-memory tcp: U relayed after %d ms on the first negotiation, %d ms on the second%n",
                firstMillis, secondMillis);
        assertThat(lab.udpToTurnFromU() - udpToTurnBefore).as("UDP datagrams U sent to coturn the second time")
                .isZero();
        assertThat(again.candidateIssue())
                .contains("stun:" + NatIceTestLab.IP_TURN + ":" + NatIceTestLab.TURN_PORT + ": skipped, no response ")
                .contains("?transport=udp: skipped, no response ");
        assertThat(again.relayFallback()).singleElement().satisfies(step -> {
            assertThat(step.transport()).isEqualTo("udp");
            assertThat(step.server()).isEqualTo(NatIceTestLab.IP_TURN + ":" + NatIceTestLab.TURN_PORT);
            assertThat(step.skipped()).isTrue();
            assertThat(step.reason()).isEqualTo("no response");
        });
        peers.assertDeliversSized(peers.a, peers.wgB, 100, "u-to-a-again", WIREGUARD_DATAGRAM);
    }

    /** As above when TCP to the plain TURN port is blocked too: the second negotiation goes straight to TLS. */
    @Test
    void connectAgainWhenUdpAndTcpWereSilentThenStraightToTls() throws Exception {
        lab.blockTurnTcpFromU();
        IceSettings u = settingsU(new RelayTransportMemory());
        connectUToA(u, "tls");
        awaitSkipped(u, UDP_TO_TURN, TCP_TO_TURN);
        long firstMillis = peers.a.connectedAfterMillis();
        peers.close();
        long udpToTurnBefore = lab.udpToTurnFromU();
        long tcpDroppedBefore = lab.turnTcpDroppedAtU();

        ConnectionStatus again = connect(u, "tls");

        long secondMillis = peers.a.connectedAfterMillis();
        System.out.printf("relay-memory tls: U relayed after %d ms on the first negotiation, %d ms on the second%n",
                firstMillis, secondMillis);
        assertThat(lab.udpToTurnFromU() - udpToTurnBefore).as("UDP datagrams U sent to coturn the second time")
                .isZero();
        assertThat(lab.turnTcpDroppedAtU() - tcpDroppedBefore).as("TCP SYNs U sent to port 3478 the second time")
                .isZero();
        assertThat(again.relayFallback()).extracting(RelayFallbackStep::transport, RelayFallbackStep::skipped,
                RelayFallbackStep::reason).containsExactly(tuple("udp", true, "no response"),
                        tuple("tcp", true, "connect timed out"));
    }

    /**
     * The relay restarts under a device that reaches it over TLS only: the renegotiations while it is down and the
     * one that heals skip STUN, UDP and TCP (what the memory knows to be silent), so the path comes back as soon as
     * TLS is accepted again. The time is printed, not asserted.
     */
    @Test
    void relayRestartWhenOnlyTlsGetsThroughThenHealsOverTlsWithoutTryingUdpOrTcp() throws Exception {
        lab.blockTurnTcpFromU();
        IceSettings u = settingsU(new RelayTransportMemory());
        connectUToA(u, "tls");
        awaitSkipped(u, UDP_TO_TURN, TCP_TO_TURN);
        long udpToTurnBefore = lab.udpToTurnFromU();
        long tcpDroppedBefore = lab.turnTcpDroppedAtU();

        Instant killed = Instant.now();
        lab.restartCoturn(Duration.ofSeconds(2));
        Instant answering = Instant.now();
        ConnectionStatus healed = await(peers.a, status -> status.connected() && status.since().isAfter(killed),
                CONNECT, "U connected again after the relay restart");

        System.out.printf("relay-memory restart: coturn down %d ms; U connected again %d ms after the kill, %d ms "
                + "after coturn's TLS port accepted again%n", Duration.between(killed, answering).toMillis(),
                Duration.between(killed, healed.since()).toMillis(),
                Duration.between(answering, healed.since()).toMillis());
        assertThat(healed.relayTransport()).isEqualTo("tls");
        assertThat(lab.udpToTurnFromU() - udpToTurnBefore).as("UDP datagrams U sent to coturn while healing").isZero();
        assertThat(lab.turnTcpDroppedAtU() - tcpDroppedBefore).as("TCP SYNs U sent to port 3478 while healing")
                .isZero();
        peers.assertDeliversSized(peers.a, peers.wgB, 100, "u-to-a-healed", WIREGUARD_DATAGRAM);
    }

    /**
     * A network that lets UDP through again (same address: no network change to notice) is found by the background
     * probe that a skipping gathering starts, and the negotiation after it uses UDP again. {@code STUN}: U has no
     * relay over UDP, so the STUN harvest is what skips UDP to coturn and probes it with a Binding request;
     * {@code ALLOCATION}: U has no STUN server, so the relay harvest skips and probes with an allocation.
     */
    @ParameterizedTest
    @EnumSource(Probe.class)
    void connectAgainWhenUdpGetsThroughAgainThenTheBackgroundProbeFindsItAndUdpIsUsedAgain(Probe probe)
            throws Exception {
        // Probe at every skip, so that the test need not wait for the production delay.
        RelayTransportMemory memory = new RelayTransportMemory(Clock.systemUTC(), Duration.ZERO);
        IceSettings u = probe == Probe.STUN
                ? settingsU(memory).withServers(List.of(lab.coturn().stun()), lab.relaysOverEveryTransport().stream()
                        .filter(relay -> relay.transport() != RelayTransport.UDP).toList())
                : settingsU(memory).withServers(List.of(), lab.relaysOverEveryTransport());
        connect(u, "tcp");
        awaitSkipped(u, UDP_TO_TURN);
        peers.close();
        lab.allowUdpFromU();

        ConnectionStatus skipping = connect(u, null);
        assertThat(skipping.candidateIssue()).contains("skipped");
        long end = System.nanoTime() + CONNECT.toNanos();
        while (memory.silence(UDP_TO_TURN).isPresent() && System.nanoTime() < end) {
            IceTestPeers.sleep(100);
        }
        assertThat(memory.silence(UDP_TO_TURN)).as("UDP to coturn after the background probe").isEmpty();
        peers.close();
        long udpToTurnBefore = lab.udpToTurnFromU();

        ConnectionStatus back = connect(u, null);

        System.out.println("relay-memory probe " + probe + ": U after UDP got through again: " + back);
        assertThat(back.candidateIssue()).as("nothing skipped, nothing silent").isNull();
        assertThat(lab.udpToTurnFromU() - udpToTurnBefore).as("UDP datagrams U sent to coturn").isPositive();
        assertThat(back.relayTransport()).as("a relay of U's own, if any, over UDP or TCP (no UDP relay configured)")
                .isIn(null, probe == Probe.STUN ? "tcp" : "udp");
    }

    enum Probe { STUN, ALLOCATION }

    private static final RelayTransportMemory.Endpoint UDP_TO_TURN = new RelayTransportMemory.Endpoint(
            NatIceTestLab.IP_TURN, NatIceTestLab.TURN_PORT, RelayTransport.UDP);
    private static final RelayTransportMemory.Endpoint TCP_TO_TURN = new RelayTransportMemory.Endpoint(
            NatIceTestLab.IP_TURN, NatIceTestLab.TURN_PORT, RelayTransport.TCP);

    /**
     * A first silence only makes an endpoint a suspect; the probe the negotiation started confirms it within its
     * own timeout (ADR 0041), after which the device skips it.
     */
    private static void awaitSkipped(IceSettings settings, RelayTransportMemory.Endpoint... endpoints) {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!allSkipped(settings.transports(), endpoints) && System.nanoTime() < end) {
            IceTestPeers.sleep(100);
        }
        for (RelayTransportMemory.Endpoint endpoint : endpoints) {
            assertThat(settings.transports().silence(endpoint)).as("%s confirmed silent by its probe", endpoint)
                    .isPresent();
        }
    }

    private static boolean allSkipped(RelayTransportMemory memory, RelayTransportMemory.Endpoint... endpoints) {
        return Arrays.stream(endpoints).allMatch(endpoint -> memory.silence(endpoint).isPresent());
    }

    /**
     * A probe started by the last negotiation runs on after it, bounded by its own timeouts: waiting for it keeps its
     * allocation threads out of later tests and its traffic out of the next scenario's counters.
     */
    private static void awaitBackgroundProbes() {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!probeThreads().isEmpty() && System.nanoTime() < end) {
            IceTestPeers.sleep(100);
        }
        assertThat(probeThreads()).as("background probes still running 20 s after the scenario").isEmpty();
    }

    private static List<String> probeThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("nl-probe-"))
                .toList();
    }

    /** U behind the UDP-dropping router, with every transport of the relay and the lab CA trusted. */
    private IceSettings settingsU(RelayTransportMemory memory) throws Exception {
        return settings(NatIceTestLab.IF_U, List.of(lab.coturn().stun()), lab.relaysOverEveryTransport(), testTimings())
                .withRelayTrust(RelayTrust.systemDefaultAnd(lab.relayCaFile()))
                .withTransports(memory);
    }

    /** U (controlling) and A both get the relay over every transport; U's path must run over {@code transport}. */
    private ConnectionStatus connectUToA(IceSettings settingsU, String transport) throws Exception {
        long udpDroppedBefore = lab.udpDroppedAtU();
        ConnectionStatus u = connect(settingsU, transport);
        assertThat(u.candidateIssue()).as("U's STUN and UDP relay got no answer").contains("no response");

        peers.assertDeliversSized(peers.a, peers.wgB, 300, "u-to-a-" + transport, WIREGUARD_DATAGRAM);
        peers.assertDeliversSized(peers.b, peers.wgA, 300, "a-to-u-" + transport, WIREGUARD_DATAGRAM);
        long udpDropped = lab.udpDroppedAtU() - udpDroppedBefore;
        System.out.println("relay-transport " + transport + ": UDP datagrams U's router dropped: " + udpDropped);
        assertThat(udpDropped).as("U did try UDP first").isPositive();
        return u;
    }

    /**
     * Connects U (controlling, {@code settingsU}) to A; with {@code transport}, U's path must be relayed over it by
     * an allocation of U's own.
     */
    private ConnectionStatus connect(IceSettings settingsU, String transport) throws Exception {
        peers = new IceTestPeers(settingsU,
                settings(NatIceTestLab.IF_A, List.of(lab.coturn().stun()), lab.relaysOverEveryTransport(),
                        testTimings()));
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
        if (transport != null) {
            assertThat(u.type()).isEqualTo(ConnectionType.RELAYED);
            assertThat(u.localCandidateType()).isEqualTo("relay");
            assertThat(u.relayTransport()).isEqualTo(transport);
        }
        return u;
    }
}
