package io.netloom.daemon.ice;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;

/**
 * The UDP socket under a host candidate, given to ice4j as the delegate of its {@code MultiplexingDatagramSocket}.
 *
 * <p>ice4j reads its sockets from its own threads (the STUN stack's reader) and hands non-STUN datagrams to
 * whoever reads the multiplexing socket, which costs a thread hand-off per datagram. Once a path over this socket
 * is selected it is attached here, and datagrams from the path's remote end that are not STUN are consumed right
 * in the reading thread (delivered to WireGuard, or answered when they are path probes) without going up to
 * ice4j; everything else (STUN checks, keep-alives, TURN traffic of the candidates based on this socket) goes up
 * unchanged. ice4j lets one thread at a time into {@link #receive}, so the single buffer is safe.
 */
final class DataPlaneSocket extends DatagramSocket {

    private static final int BUFFER = 65_535;
    private static final int SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;
    /** Requests to a TURN server: bursts of up to this many, then {@link #TURN_REQUESTS_PER_SECOND}. */
    private static final int TURN_BURST = 100;
    private static final double TURN_REQUESTS_PER_SECOND = 20;

    private final byte[] buffer = new byte[BUFFER];
    private final DatagramPacket packet = new DatagramPacket(buffer, BUFFER);
    private final ByteBuffer view = ByteBuffer.wrap(buffer);
    private final byte[] reply = new byte[IcePath.PROBE_LENGTH];
    private final DatagramPacket replyPacket = new DatagramPacket(reply, IcePath.PROBE_LENGTH);
    private volatile IcePath path;
    private volatile Early early;

    /** TURN servers this socket talks to; STUN requests to them go through {@link #turnRequestAllowed()}. */
    private final InetSocketAddress[] turnServers;
    private double turnTokens = TURN_BURST;
    private long turnRefillNanos = System.nanoTime();
    private volatile long turnRequestsDropped;

    /**
     * Before a path is selected on this socket: the remote end's candidate addresses of the negotiation in
     * progress. The remote may select the pair and start sending data a moment before this side does; those
     * datagrams (they can only come once checks succeeded both ways) are delivered instead of being lost.
     */
    record Early(InetSocketAddress[] remotes, WireGuardProxy proxy) {

        boolean consume(DatagramPacket packet, ByteBuffer view) {
            int port = packet.getPort();
            java.net.InetAddress address = packet.getAddress();
            boolean known = false;
            for (InetSocketAddress remote : remotes) {
                if (remote.getPort() == port && remote.getAddress().equals(address)) {
                    known = true;
                    break;
                }
            }
            if (!known || IcePath.isStun(packet) || IcePath.isProbe(packet)) {
                return false;
            }
            view.limit(packet.getOffset() + packet.getLength()).position(packet.getOffset());
            proxy.deliver(view);
            return true;
        }
    }

    DataPlaneSocket(InetSocketAddress bindAddress, InetSocketAddress[] turnServers) throws SocketException {
        super(bindAddress);
        this.turnServers = turnServers.clone();
        try {
            // Bursts of WireGuard datagrams; the kernel caps these at net.core.{r,w}mem_max.
            setReceiveBufferSize(SOCKET_BUFFER_BYTES);
            setSendBufferSize(SOCKET_BUFFER_BYTES);
        } catch (SocketException e) {
            // keep the defaults
        }
    }

    void attach(IcePath value) {
        path = value;
        early = null;
    }

    void expect(Early value) {
        early = value;
    }

    void detach(IcePath value) {
        if (path == value) {
            path = null;
        }
    }

    /**
     * Sends, except STUN requests to a TURN server beyond a generous rate. ice4j 3.2 re-sends a CreatePermission
     * as soon as the previous one fails; once the TURN server has lost the allocation (restarted, NAT rebinding,
     * allocation expired) that loop runs as fast as the round trip allows, tens of thousands of requests a
     * second. Dropping the excess turns it into a slow retry; {@link #turnRequestsDropped()} reports it.
     */
    @Override
    public void send(DatagramPacket packet) throws IOException {
        if (turnServers.length > 0 && isStunRequest(packet) && isTurnServer(packet) && !turnRequestAllowed()) {
            turnRequestsDropped++;
            return;
        }
        super.send(packet);
    }

    long turnRequestsDropped() {
        return turnRequestsDropped;
    }

    private static boolean isStunRequest(DatagramPacket packet) {
        byte[] data = packet.getData();
        int offset = packet.getOffset();
        // class bits C1 (0x0100) and C0 (0x0010) both zero: a request
        return packet.getLength() >= 20 && (data[offset] & 0xC1) == 0 && (data[offset + 1] & 0x10) == 0
                && data[offset + 4] == 0x21 && data[offset + 5] == 0x12 && data[offset + 6] == (byte) 0xA4
                && data[offset + 7] == 0x42;
    }

    private boolean isTurnServer(DatagramPacket packet) {
        int port = packet.getPort();
        java.net.InetAddress address = packet.getAddress();
        for (InetSocketAddress server : turnServers) {
            if (server.getPort() == port && server.getAddress().equals(address)) {
                return true;
            }
        }
        return false;
    }

    private synchronized boolean turnRequestAllowed() {
        long now = System.nanoTime();
        turnTokens = Math.min(TURN_BURST, turnTokens + (now - turnRefillNanos) / 1e9 * TURN_REQUESTS_PER_SECOND);
        turnRefillNanos = now;
        if (turnTokens < 1) {
            return false;
        }
        turnTokens--;
        return true;
    }

    @Override
    public void receive(DatagramPacket target) throws IOException {
        // Always through our buffer, deciding after each datagram: the reading thread may have been blocked here
        // since before the path was attached, and the datagram that wakes it up may already be for the path.
        while (true) {
            packet.setData(buffer, 0, BUFFER);
            super.receive(packet);
            IcePath sink = path;
            if (sink != null && sink.consume(packet, view, reply, replyPacket, this)) {
                continue;
            }
            Early expected = early;
            if (sink == null && expected != null && expected.consume(packet, view)) {
                continue;
            }
            byte[] destination = target.getData();
            int offset = target.getOffset();
            int length = Math.min(packet.getLength(), destination.length - offset);
            System.arraycopy(buffer, 0, destination, offset, length);
            target.setLength(length);
            target.setAddress(packet.getAddress());
            target.setPort(packet.getPort());
            return;
        }
    }
}
