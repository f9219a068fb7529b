package io.netloom.daemon.ice;

import static io.netloom.daemon.ice.IceTestPeers.CONNECT;
import static io.netloom.daemon.ice.IceTestPeers.await;
import static io.netloom.daemon.ice.IceTestPeers.settings;
import static io.netloom.daemon.ice.IceTestPeers.testTimings;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A relayed tunnel across two TURN credential lifetimes (ADR 0018). Peer C sits behind the symmetric NAT, so
 * the only path is through coturn. Credentials live {@link #LIFETIME}; each peer is handed fresh ones at half
 * that, as the gateway does. coturn grants allocations only {@link #ALLOCATION_LIFETIME} (production: 600 s
 * against 24 h credentials), so an allocation must be made again several times per credential lifetime, and
 * coturn refuses a new allocation with expired credentials (401): without renewal the tunnel dies within the
 * second lifetime.
 */
class PeerConnectionTurnRenewalTest {

    /**
     * Short, so that two lifetimes pass in half a minute. Halved together (from 24 s and 20 s), the credential and
     * allocation lifetimes keep their ratio, so the stream sees what it saw before in half the time: four renewals
     * of the credentials, and as many allocation refreshes per credential lifetime.
     */
    private static final Duration LIFETIME = Duration.ofSeconds(12);
    private static final Duration ALLOCATION_LIFETIME = Duration.ofSeconds(10);
    private static final int LIFETIMES = 2;
    /** The longest gap in deliveries tolerated: a switch of paths, never a renegotiation after a dead path. */
    private static final int MAX_SILENT_SECONDS = 2;

    @AutoClose
    private NatIceTestLab lab;
    @AutoClose
    private IceTestPeers peers;
    private final ScheduledExecutorService gateway = Executors.newSingleThreadScheduledExecutor();

    @Test
    void relayedTunnelWhenCredentialsAreRenewedThenTrafficFlowsAcrossSeveralLifetimes() throws Exception {
        lab = NatIceTestLab.start(List.of("max-allocate-lifetime=" + ALLOCATION_LIFETIME.toSeconds()));
        IceTimings timings = testTimings().withInactivityTimeout(Duration.ofSeconds(4));
        peers = new IceTestPeers(
                settings(NatIceTestLab.IF_A, List.of(lab.coturn().stun()), List.of(lab.coturn().turn(LIFETIME)), timings),
                settings(NatIceTestLab.IF_C, List.of(lab.coturn().stun()), List.of(lab.coturn().turn(LIFETIME)), timings));
        try {
            renewCredentials();
            gateway.scheduleAtFixedRate(this::renewCredentials, LIFETIME.toMillis() / 2, LIFETIME.toMillis() / 2,
                    TimeUnit.MILLISECONDS);
            await(peers.a, ConnectionStatus::connected, CONNECT, "A connected");
            await(peers.b, ConnectionStatus::connected, CONNECT, "C connected");
            assertThat(peers.a.status().type()).isEqualTo(ConnectionType.RELAYED);

            List<Long> perSecond = stream(LIFETIME.multipliedBy(LIFETIMES).plusSeconds(4));

            System.out.println("turn-renewal: datagrams delivered A->C per second: " + perSecond);
            long allocations = lab.turnLog().lines().filter(line -> line.contains("ALLOCATE processed, success")).count();
            // Every first request is challenged (401 without a user); these named a user and were refused.
            long refused = lab.turnLog().lines().filter(line -> line.contains("error 401") && !line.contains("user <>"))
                    .count();
            System.out.println("turn-renewal: allocations " + allocations + ", credentials refused (401) " + refused);
            assertThat(longestSilence(perSecond)).as("longest run of seconds without a datagram delivered, per second: "
                    + perSecond + "; A " + peers.a.status() + "; C " + peers.b.status())
                    .isLessThanOrEqualTo(MAX_SILENT_SECONDS);
            assertThat(allocations).as("allocations made (each renewal allocates anew)").isGreaterThan(LIFETIMES);
        } finally {
            gateway.shutdownNow();
        }
    }

    /** What the gateway does at sign-in and at half the lifetime: fresh credentials for each peer. */
    private void renewCredentials() {
        peers.a.renewTurn(List.of(lab.coturn().turn(LIFETIME)), LIFETIME);
        peers.b.renewTurn(List.of(lab.coturn().turn(LIFETIME)), LIFETIME);
    }

    /** Sends 10 datagrams a second from A's WireGuard for {@code duration}; how many reached C's, second by second. */
    private List<Long> stream(Duration duration) throws Exception {
        List<Long> perSecond = new ArrayList<>();
        long end = System.nanoTime() + duration.toNanos();
        long before = peers.wgB.count();
        int sent = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 10; i++) {
                peers.wgA.send(peers.a.wireGuardEndpoint(), "renewal-" + sent++);
                Thread.sleep(100);
            }
            long now = peers.wgB.count();
            perSecond.add(now - before);
            before = now;
        }
        return perSecond;
    }

    private static int longestSilence(List<Long> perSecond) {
        int longest = 0;
        int current = 0;
        for (long delivered : perSecond) {
            current = delivered == 0 ? current + 1 : 0;
            longest = Math.max(longest, current);
        }
        return longest;
    }
}
