package io.netloom.daemon.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Two {@link PeerConnection}s in one JVM, their signal bus, and two UDP sockets standing in for the WireGuards. */
final class IceTestPeers implements AutoCloseable {

    /** How long the tests give a connection to come up: generous, as nothing asserts on durations. */
    static final Duration CONNECT = Duration.ofSeconds(90);

    static IceTimings testTimings() {
        return new IceTimings(Duration.ofSeconds(2), 4, Duration.ofSeconds(30), Duration.ofMillis(500),
                Duration.ofSeconds(4), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMillis(500),
                Duration.ofMinutes(10), Duration.ofSeconds(1));
    }

    /** A signal as it crossed the bus. */
    record Signal(String from, String kind, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    final FakeWireGuard wgA;
    final FakeWireGuard wgB;
    final List<Signal> signals = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService toA = Executors.newSingleThreadExecutor(daemon("bus-to-a"));
    private final ExecutorService toB = Executors.newSingleThreadExecutor(daemon("bus-to-b"));
    /** Returns true for a signal (from, kind) that must be lost. */
    volatile BiPredicate<String, String> drop = (from, kind) -> false;
    volatile PeerConnection a;
    volatile PeerConnection b;
    final long startNanos;

    IceTestPeers(IceSettings settingsA, IceSettings settingsB) throws IOException {
        this(settingsA, settingsB, (from, kind) -> false);
    }

    IceTestPeers(IceSettings settingsA, IceSettings settingsB, BiPredicate<String, String> drop) throws IOException {
        this(settingsA, settingsB, drop, DirectPathOffload.NONE, endpoint -> { });
    }

    /** A with {@code offloadA}, telling {@code endpointsA} where WireGuard should send; B without offload. */
    IceTestPeers(IceSettings settingsA, IceSettings settingsB, BiPredicate<String, String> drop,
            DirectPathOffload offloadA, Consumer<InetSocketAddress> endpointsA) throws IOException {
        this.drop = drop;
        wgA = new FakeWireGuard("wg-a");
        wgB = new FakeWireGuard("wg-b");
        a = new PeerConnection("peer-b", true, settingsA.withWireGuardPort(wgA.port()), channel("a"), offloadA,
                endpointsA);
        b = new PeerConnection("peer-a", false, settingsB.withWireGuardPort(wgB.port()), channel("b"));
        startNanos = System.nanoTime();
        a.start();
        b.start();
    }

    static IceSettings settings(String iface, List<StunServer> stun, List<TurnServer> turn, IceTimings timings) {
        return new IceSettings(stun, turn, Set.of(), 9).withAllowedInterfaces(Set.of(iface)).withTimings(timings);
    }

    /** Peers on {@code ifA} and {@code ifB} that both use {@code coturn} for STUN and TURN, each with its own credential. */
    static IceTestPeers viaCoturn(CoturnProcess coturn, String ifA, String ifB, IceTimings timings) throws IOException {
        return new IceTestPeers(
                settings(ifA, List.of(coturn.stun()), List.of(coturn.turn()), timings),
                settings(ifB, List.of(coturn.stun()), List.of(coturn.turn()), timings));
    }

    /** Peers on {@code ifA} and {@code ifB} without STUN or TURN servers: only host candidates. */
    static IceTestPeers hostOnly(String ifA, String ifB, IceTimings timings) throws IOException {
        return new IceTestPeers(settings(ifA, List.of(), List.of(), timings), settings(ifB, List.of(), List.of(), timings));
    }

    /** Replaces B by a fresh connection (as if B's daemon restarted), on the same fake WireGuard. */
    void restartB(IceSettings settingsB) {
        b.close();
        b = new PeerConnection("peer-a", false, settingsB.withWireGuardPort(wgB.port()), channel("b"));
        b.start();
    }

    SignalChannel channel(String from) {
        return (kind, payload) -> {
            signals.add(new Signal(from, kind, payload.clone()));
            if (drop.test(from, kind)) {
                return;
            }
            byte[] copy = payload.clone();
            if (from.equals("a")) {
                toB.execute(() -> b.onSignal(kind, copy));
            } else {
                toA.execute(() -> a.onSignal(kind, copy));
            }
        };
    }

    /** Hands a signal to A (or B) as if the other side had sent it. */
    void inject(PeerConnection to, String kind, String payload) {
        to.onSignal(kind, payload.getBytes(StandardCharsets.UTF_8));
    }

    static ConnectionStatus await(PeerConnection connection, Predicate<ConnectionStatus> condition, Duration deadline,
            String what) {
        long end = System.nanoTime() + deadline.toNanos();
        ConnectionStatus status = connection.status();
        while (System.nanoTime() < end) {
            status = connection.status();
            if (condition.test(status)) {
                return status;
            }
            sleep(50);
        }
        return fail("timed out after " + deadline.toSeconds() + " s waiting for " + what + "; status: " + status);
    }

    /** The statuses of A and B once {@code condition} held for each, and when it did for A (ms since start). */
    record BothStatuses(ConnectionStatus a, ConnectionStatus b, long aMillis) {
    }

    /** Waits (up to {@link #CONNECT} each) until {@code condition} holds for A, then for B. */
    BothStatuses awaitBoth(Predicate<ConnectionStatus> condition, String what) {
        ConnectionStatus statusA = await(a, condition, CONNECT, "A " + what);
        long aMillis = millisSinceStart();
        ConnectionStatus statusB = await(b, condition, CONNECT, "B " + what);
        return new BothStatuses(statusA, statusB, aMillis);
    }

    long millisSinceStart() {
        return (System.nanoTime() - startNanos) / 1_000_000L;
    }

    /** Counters of both proxies and paths, for failure messages. */
    String counters() {
        return "A " + counters(a) + " | B " + counters(b);
    }

    private static String counters(PeerConnection connection) {
        WireGuardProxy proxy = connection.proxy();
        IcePath path = connection.activePath();
        return "proxy fromWg=" + proxy.fromWireGuard() + " noPath=" + proxy.droppedNoPath() + " sendFail="
                + proxy.sendFailures() + " deliverFail=" + proxy.deliveryFailures()
                + (path == null ? " no path" : " path in=" + path.datagramsIn() + " out=" + path.datagramsOut()
                        + " sendErr=" + path.sendErrors());
    }

    /** Sends {@code count} numbered datagrams from {@code from} through {@code via} and waits until all arrive at {@code to}. */
    void assertDelivers(PeerConnection sender, FakeWireGuard to, int count, String tag) throws IOException {
        FakeWireGuard from = sender == a ? wgA : wgB;
        try {
            assertDelivers(from, sender.wireGuardEndpoint(), to, count, tag);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\ncounters: " + counters(), e);
        }
    }

    /** {@link #assertDelivers(PeerConnection, FakeWireGuard, int, String)} from A to B, then from B to A. */
    void assertDeliversBothWays(int count, String tag) throws IOException {
        assertDelivers(a, wgB, count, tag + "-a-to-b");
        assertDelivers(b, wgA, count, tag + "-b-to-a");
    }

    /** Sends {@code count} numbered datagrams from {@code from} through {@code via} and waits until all arrive at {@code to}. */
    static void assertDelivers(FakeWireGuard from, InetSocketAddress via, FakeWireGuard to, int count, String tag)
            throws IOException {
        assertDelivers(from, via, to, count, tag, 0);
    }

    /**
     * {@link #assertDelivers(PeerConnection, FakeWireGuard, int, String)} with every datagram {@code length} bytes
     * long, e.g. 1420: a full WireGuard data message on a 1500-byte link.
     */
    void assertDeliversSized(PeerConnection sender, FakeWireGuard to, int count, String tag, int length)
            throws IOException {
        assertDelivers(sender == a ? wgA : wgB, sender.wireGuardEndpoint(), to, count, tag, length);
    }

    private static void assertDelivers(FakeWireGuard from, InetSocketAddress via, FakeWireGuard to, int count,
            String tag, int length) throws IOException {
        Set<String> expected = new HashSet<>();
        // Full-size datagrams in bursts of 10 (15 KB), each sent once the one before arrived (or after a second):
        // coturn drops the tail of a burst of 50 (70 KB) that it relays from UDP to a client on TCP or TLS, and
        // of smaller ones when that client reads slowly on a loaded machine (measured; WireGuard's own traffic
        // comes paced by TCP inside, as this is by the receiver).
        int burst = length > 0 ? 10 : 50;
        to.clear();
        for (int i = 0; i < count; i++) {
            String numbered = tag + "-" + i + "-";
            String payload = length > 0 ? numbered + "x".repeat(Math.max(0, length - numbered.length()))
                    : numbered + "x".repeat(i % 300);
            expected.add(payload);
            from.send(via, payload);
            if (i % burst == burst - 1) {
                long burstEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                do {
                    sleep(5);
                } while (System.nanoTime() < burstEnd && !to.received().containsAll(expected));
            }
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end && !to.received().containsAll(expected)) {
            sleep(20);
        }
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(to.received());
        assertThat(missing).as(tag + ": datagrams that did not arrive").isEmpty();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (a != null) {
                a.close();
            }
        } finally {
            try {
                if (b != null) {
                    b.close();
                }
            } finally {
                toA.shutdownNow();
                toB.shutdownNow();
                wgA.close();
                wgB.close();
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** A UDP socket on 127.0.0.1 playing WireGuard: it sends to the proxy and records what the proxy delivers. */
    static final class FakeWireGuard implements AutoCloseable {
        private final DatagramSocket socket;
        private final Set<String> received = Collections.synchronizedSet(new HashSet<>());
        private final AtomicLong count = new AtomicLong();
        private final Thread reader;
        private volatile boolean record = true;

        FakeWireGuard(String name) throws SocketException, IOException {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            socket.setReceiveBufferSize(8 * 1024 * 1024);
            socket.setSendBufferSize(8 * 1024 * 1024);
            reader = new Thread(this::run, name);
            reader.setDaemon(true);
            reader.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        void send(InetSocketAddress to, String payload) throws IOException {
            byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(bytes, bytes.length, to));
        }

        void send(DatagramPacket packet) throws IOException {
            socket.send(packet);
        }

        /** Stops remembering payloads (only counts): for the throughput run. */
        void countOnly(boolean value) {
            record = !value;
        }

        long count() {
            return count.get();
        }

        Set<String> received() {
            synchronized (received) {
                return new HashSet<>(received);
            }
        }

        void clear() {
            received.clear();
        }

        private void run() {
            byte[] buffer = new byte[65535];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            while (!socket.isClosed()) {
                packet.setData(buffer, 0, buffer.length);
                try {
                    socket.receive(packet);
                } catch (IOException e) {
                    return;
                }
                count.incrementAndGet();
                if (record) {
                    received.add(new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8));
                }
            }
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
