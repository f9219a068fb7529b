package io.netloom.daemon.relay;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * TURN over UDP. The channel is connected to the relay so that the kernel drops datagrams from anyone else and an
 * ICMP port unreachable (the relay process is gone) surfaces as an exception instead of silence.
 *
 * <p>A {@link DatagramChannel} of the relay's own address family, read into a direct buffer: a relayed datagram is
 * read and handed on where the kernel put it, and the data path's direct buffers are written without a copy (a
 * {@code DatagramSocket} copies through a temporary direct buffer each way, and a dual-stack socket takes the
 * kernel's IPv6 send path for an IPv4 relay).
 */
final class UdpTurnConnection implements TurnConnection {

    private static final int MAX_DATAGRAM = 65_535;
    /**
     * As the proxy's and the data-plane sockets': a relayed tunnel's datagrams arrive in bursts, and the kernel's
     * default (about 200 KB) overflows while the reader is descheduled on a busy two-core host.
     */
    private static final int SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;

    private final DatagramChannel channel;
    /** Read into by the allocation's one reader thread only. */
    private final ByteBuffer received = ByteBuffer.allocateDirect(MAX_DATAGRAM);

    private UdpTurnConnection(DatagramChannel channel) {
        this.channel = channel;
    }

    static UdpTurnConnection open(InetSocketAddress from, InetSocketAddress relay) throws IOException {
        ProtocolFamily family = relay.getAddress() instanceof Inet6Address ? StandardProtocolFamily.INET6
                : StandardProtocolFamily.INET;
        DatagramChannel channel = DatagramChannel.open(family);
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_BYTES);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER_BYTES);
            channel.bind(from);
            channel.connect(relay);
            return new UdpTurnConnection(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void send(byte[] frame) throws IOException {
        write(ByteBuffer.wrap(frame));
    }

    @Override
    public void sendChannelData(ByteBuffer frame) throws IOException {
        write(frame);
    }

    /**
     * A channel closes itself when a thread with its interrupt flag set writes to it, which would end the allocation
     * for every path on it. The data path's threads are never interrupted; ice4j's (checks, keep-alives) may carry
     * a pending interrupt when their agent stops, so the flag is set aside for the write and restored after it.
     */
    private void write(ByteBuffer frame) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            channel.write(frame);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public ByteBuffer receive() throws IOException {
        received.clear();
        channel.read(received);
        return received.flip();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a socket: nothing left to release
        }
    }
}
