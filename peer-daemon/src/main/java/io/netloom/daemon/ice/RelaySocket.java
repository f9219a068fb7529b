package io.netloom.daemon.ice;

import io.netloom.daemon.relay.RelayChannel;
import io.netloom.daemon.relay.RelayListener;
import io.netloom.daemon.relay.RelayServer;
import io.netloom.daemon.relay.RelayTrust;
import io.netloom.daemon.relay.TurnAllocation;
import io.netloom.daemon.relay.TurnException;
import io.netloom.daemon.relay.TurnTimings;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A relayed candidate's socket on Netloom's own {@link TurnAllocation}: what ice4j and the selected path send goes
 * to the relay as ChannelData (a Send indication until the peer's channel is bound), and what the relay delivers
 * goes to the attached path (WireGuard data and path probes, written straight to the proxy on the allocation's
 * reader thread) or else up to ice4j (connectivity checks, keep-alives).
 *
 * <p>ice4j reads and sends through a {@code MultiplexingDatagramSocket} over this one, as over ice4j's own relayed
 * socket; the local address it reports is the relayed address, which is how ice4j's STUN stack finds it.
 */
final class RelaySocket extends DatagramSocket implements PathSocket, RelayListener {

    private static final Logger LOG = LoggerFactory.getLogger(RelaySocket.class);
    /** Datagrams for ice4j (checks and their answers) waiting to be read; more are dropped, as a full socket would. */
    private static final int ICE_QUEUE = 256;

    private final RelayServer server;
    private final BlockingQueue<DatagramPacket> toIce = new ArrayBlockingQueue<>(ICE_QUEUE);
    /** Owned by the allocation's reader thread, the only caller of {@link #onDatagram}. */
    private final byte[] reply = new byte[IcePath.PROBE_LENGTH];
    private final DatagramPacket replyPacket = new DatagramPacket(reply, IcePath.PROBE_LENGTH);
    private volatile TurnAllocation allocation;
    private volatile IcePath path;
    private volatile WireGuardProxy early;
    private volatile TurnException failure;
    private volatile boolean closed;
    private volatile long droppedForIce;

    private RelaySocket(RelayServer server) throws SocketException {
        super((SocketAddress) null);
        this.server = server;
    }

    /** Allocates on {@code server}, sending from {@code local} ({@code null}: as routed); blocks until granted. */
    static RelaySocket allocate(RelayServer server, RelayTrust trust, TurnTimings timings, InetAddress local)
            throws TurnException, SocketException {
        RelaySocket socket = new RelaySocket(server);
        try {
            socket.allocation = TurnAllocation.allocate(server, trust, timings, socket, local);
            return socket;
        } catch (TurnException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    RelayServer server() {
        return server;
    }

    InetSocketAddress relayedAddress() {
        return allocation.relayedAddress();
    }

    /** Why the allocation ended under us, or {@code null} while it lives. */
    TurnException failure() {
        return failure;
    }

    /**
     * Installs permissions (and channels) for the remote end's candidates before the checks begin: the relay
     * drops whatever comes from an address without one, and the remote's checks are the first thing to arrive.
     * A permission covers the IP address whatever the port, so a remote behind a symmetric NAT, whose checks come
     * from a port its candidates never named, still gets through (a peer-reflexive pair, one relay hop).
     */
    void permit(InetSocketAddress remote) {
        allocation.openPeer(remote).exceptionally(e -> {
            LOG.debug("relay {}: no permission for {}: {}", server.describe(), remote, e.getMessage());
            return null;
        });
    }

    /** {@code peer}'s channel on the allocation once it is bound: how a path sends WireGuard's datagrams. */
    Optional<RelayChannel> channel(InetSocketAddress peer) {
        return allocation.channel(peer);
    }

    /** Until a path is attached, delivers what arrives that is neither STUN nor a probe to {@code proxy}. */
    void expect(WireGuardProxy proxy) {
        early = proxy;
    }

    @Override
    public void attach(IcePath value) {
        path = value;
        early = null;
    }

    @Override
    public void detach(IcePath value) {
        if (path == value) {
            path = null;
        }
    }

    @Override
    public InetAddress getLocalAddress() {
        return relayedAddress().getAddress();
    }

    @Override
    public int getLocalPort() {
        return relayedAddress().getPort();
    }

    @Override
    public InetSocketAddress getLocalSocketAddress() {
        return relayedAddress();
    }

    /**
     * Sends through the relay (ice4j's checks, probe replies, a path's datagrams before its channel is bound). The
     * first datagram to a peer without a channel yet (a peer-reflexive address, found by a check that arrived) is
     * sent once its permission and channel are in place.
     */
    @Override
    public void send(DatagramPacket packet) throws IOException {
        InetSocketAddress peer = new InetSocketAddress(packet.getAddress(), packet.getPort());
        byte[] data = Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getOffset() + packet.getLength());
        TurnAllocation current = allocation;
        try {
            if (!current.send(peer, data)) {
                current.openPeer(peer).thenRun(() -> sendQuietly(current, peer, data));
            }
        } catch (TurnException e) {
            throw new SocketException("relay " + server.describe() + ": " + e.getMessage());
        }
    }

    private void sendQuietly(TurnAllocation current, InetSocketAddress peer, byte[] data) {
        try {
            current.send(peer, data);
        } catch (TurnException e) {
            LOG.debug("relay {}: sending to {} failed: {}", server.describe(), peer, e.getMessage());
        }
    }

    /** ice4j's reading thread: what the relay delivered that no path took. */
    @Override
    public void receive(DatagramPacket target) throws IOException {
        while (true) {
            if (closed) {
                throw new SocketException("relayed socket closed");
            }
            DatagramPacket next;
            try {
                next = toIce.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SocketException("interrupted");
            }
            if (next == null) {
                continue;
            }
            int length = Math.min(next.getLength(), target.getData().length - target.getOffset());
            System.arraycopy(next.getData(), next.getOffset(), target.getData(), target.getOffset(), length);
            target.setLength(length);
            target.setSocketAddress(next.getSocketAddress());
            return;
        }
    }

    @Override
    public void onDatagram(InetSocketAddress peer, ByteBuffer data) {
        IcePath sink = path;
        if (sink != null && sink.consume(peer.getAddress(), peer.getPort(), data, reply, replyPacket, this)) {
            return;
        }
        WireGuardProxy expected = early;
        if (sink == null && expected != null && !IcePath.isStun(data) && !IcePath.isProbe(data)) {
            expected.deliver(data);
            return;
        }
        // For ice4j: a copy, the allocation's buffer is reused for the next datagram.
        byte[] copy = new byte[data.remaining()];
        data.get(copy);
        if (!toIce.offer(new DatagramPacket(copy, copy.length, peer))) {
            droppedForIce++;
        }
    }

    @Override
    public void onFailed(TurnException e) {
        failure = e;
    }

    long droppedForIce() {
        return droppedForIce;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /** Releases the allocation (Refresh with lifetime 0, up to 2 s): call it off the connection's actor thread. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        TurnAllocation current = allocation;
        if (current != null) {
            current.close();
        }
        super.close();
    }
}
