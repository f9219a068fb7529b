package io.netloom.daemon.relay;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * TURN over UDP. The socket is connected to the relay so that the kernel drops datagrams from anyone else and an
 * ICMP port unreachable (the relay process is gone) surfaces as an exception instead of silence.
 */
final class UdpTurnConnection implements TurnConnection {

    private static final int MAX_DATAGRAM = 65_535;
    /**
     * As the proxy's and the data-plane sockets': a relayed tunnel's datagrams arrive in bursts, and the kernel's
     * default (about 200 KB) overflows while the reader is descheduled on a busy two-core host.
     */
    private static final int SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;

    private final DatagramSocket socket;
    /** Read into by the allocation's one reader thread only; each frame is handed on as a copy of its length. */
    private final byte[] buffer = new byte[MAX_DATAGRAM];
    private final DatagramPacket packet = new DatagramPacket(buffer, MAX_DATAGRAM);

    private UdpTurnConnection(DatagramSocket socket) {
        this.socket = socket;
    }

    static UdpTurnConnection open(InetSocketAddress from, InetSocketAddress relay) throws IOException {
        DatagramSocket socket = new DatagramSocket(from);
        try {
            socket.setReceiveBufferSize(SOCKET_BUFFER_BYTES);
            socket.setSendBufferSize(SOCKET_BUFFER_BYTES);
            socket.connect(relay);
            return new UdpTurnConnection(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public void send(byte[] frame) throws IOException {
        socket.send(new DatagramPacket(frame, frame.length));
    }

    @Override
    public byte[] receive() throws IOException {
        packet.setLength(MAX_DATAGRAM);
        socket.receive(packet);
        return Arrays.copyOf(buffer, packet.getLength());
    }

    @Override
    public void close() {
        socket.close();
    }
}
