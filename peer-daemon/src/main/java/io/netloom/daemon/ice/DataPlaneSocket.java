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
 * ice4j; everything else (STUN checks, keep-alives, STUN server answers) goes up
 * unchanged. ice4j lets one thread at a time into {@link #receive}, so the single buffer is safe.
 */
final class DataPlaneSocket extends DatagramSocket implements PathSocket {

    private static final int BUFFER = 65_535;
    private static final int SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;

    private final byte[] buffer = new byte[BUFFER];
    private final DatagramPacket packet = new DatagramPacket(buffer, BUFFER);
    private final ByteBuffer view = ByteBuffer.wrap(buffer);
    private final byte[] reply = new byte[IcePath.PROBE_LENGTH];
    private final DatagramPacket replyPacket = new DatagramPacket(reply, IcePath.PROBE_LENGTH);
    private volatile IcePath path;
    private volatile Early early;

    /**
     * Before a path is selected on this socket: the remote end's candidate addresses of the negotiation in
     * progress. The remote may select the pair and start sending data a moment before this side does; those
     * datagrams (they can only come once checks succeeded both ways) are delivered instead of being lost.
     */
    record Early(InetSocketAddress[] remotes, WireGuardProxy proxy) {

        boolean consume(java.net.InetAddress address, int port, ByteBuffer datagram) {
            boolean known = false;
            for (InetSocketAddress remote : remotes) {
                if (remote.getPort() == port && remote.getAddress().equals(address)) {
                    known = true;
                    break;
                }
            }
            if (!known || IcePath.isStun(datagram) || IcePath.isProbe(datagram)) {
                return false;
            }
            proxy.deliver(datagram);
            return true;
        }
    }

    DataPlaneSocket(InetSocketAddress bindAddress) throws SocketException {
        super(bindAddress);
        try {
            // Bursts of WireGuard datagrams; the kernel caps these at net.core.{r,w}mem_max.
            setReceiveBufferSize(SOCKET_BUFFER_BYTES);
            setSendBufferSize(SOCKET_BUFFER_BYTES);
        } catch (SocketException e) {
            // keep the defaults
        }
    }

    @Override
    public void attach(IcePath value) {
        path = value;
        early = null;
    }

    void expect(Early value) {
        early = value;
    }

    @Override
    public void detach(IcePath value) {
        if (path == value) {
            path = null;
        }
    }

    @Override
    public void receive(DatagramPacket target) throws IOException {
        // Always through our buffer, deciding after each datagram: the reading thread may have been blocked here
        // since before the path was attached, and the datagram that wakes it up may already be for the path.
        while (true) {
            packet.setData(buffer, 0, BUFFER);
            super.receive(packet);
            view.clear().limit(packet.getLength());
            IcePath sink = path;
            if (sink != null && sink.consume(packet.getAddress(), packet.getPort(), view, reply, replyPacket, this)) {
                continue;
            }
            Early expected = early;
            if (sink == null && expected != null && expected.consume(packet.getAddress(), packet.getPort(), view)) {
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
