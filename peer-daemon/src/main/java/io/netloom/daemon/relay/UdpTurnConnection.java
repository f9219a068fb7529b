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

    private final DatagramSocket socket;

    private UdpTurnConnection(DatagramSocket socket) {
        this.socket = socket;
    }

    static UdpTurnConnection open(InetSocketAddress from, InetSocketAddress relay) throws IOException {
        DatagramSocket socket = new DatagramSocket(from);
        try {
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
        byte[] buffer = new byte[MAX_DATAGRAM];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        return Arrays.copyOf(buffer, packet.getLength());
    }

    @Override
    public void close() {
        socket.close();
    }
}
