package io.netloom.daemon.relay;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.ice4j.message.Response;
import org.ice4j.stack.StunStack;

/**
 * A misbehaving relay on 127.0.0.1 for the bad-input tests (coturn cannot be made to send garbage): either it
 * answers every datagram with garbage, or it grants every request without authentication and lets the test send
 * the client whatever bytes it likes.
 */
final class ScriptedUdpRelay implements AutoCloseable {

    static final InetSocketAddress RELAYED = new InetSocketAddress("198.18.242.3", 51000);

    private final DatagramSocket socket;
    private final boolean garbage;
    private final StunStack stack = new StunStack();
    private final CompletableFuture<SocketAddress> client = new CompletableFuture<>();
    private final Thread thread;

    private ScriptedUdpRelay(boolean garbage) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.garbage = garbage;
        this.thread = new Thread(this::serve, "scripted-relay");
        thread.setDaemon(true);
        thread.start();
    }

    /** A relay that answers every datagram with bytes that are neither STUN nor ChannelData. */
    static ScriptedUdpRelay answeringGarbage() throws IOException {
        return new ScriptedUdpRelay(true);
    }

    /** A relay that grants Allocate, Refresh, CreatePermission and ChannelBind without asking for credentials. */
    static ScriptedUdpRelay grantingEverything() throws IOException {
        return new ScriptedUdpRelay(false);
    }

    RelayServer server() {
        return new RelayServer("127.0.0.1", socket.getLocalPort(), RelayTransport.UDP, "user", "not-a-secret");
    }

    /** Sends {@code frame} to the client that last spoke to the relay. */
    void sendToClient(byte[] frame) throws Exception {
        SocketAddress to = client.get();
        socket.send(new DatagramPacket(frame, frame.length, to));
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join();
        stack.shutDown();
    }

    private void serve() {
        byte[] buffer = new byte[2048];
        while (true) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                client.complete(packet.getSocketAddress());
                byte[] answer = garbage ? garbage(packet.getLength())
                        : grant(Arrays.copyOf(buffer, packet.getLength()), packet.getSocketAddress());
                if (answer != null) {
                    socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    private static byte[] garbage(int length) {
        byte[] answer = new byte[Math.max(length, 24)];
        Arrays.fill(answer, (byte) 0xA5);
        answer[0] = 0x01;
        answer[1] = 0x13;
        return answer;
    }

    private byte[] grant(byte[] frame, SocketAddress from) {
        try {
            Message message = Message.decode(frame, 0, frame.length);
            if (!(message instanceof Request request)) {
                return null;
            }
            Response response = switch (request.getMessageType()) {
                case Message.ALLOCATE_REQUEST -> MessageFactory.createAllocationResponse(request,
                        new TransportAddress((InetSocketAddress) from, Transport.UDP),
                        new TransportAddress(RELAYED, Transport.UDP), 600);
                case Message.REFRESH_REQUEST -> MessageFactory.createRefreshResponse(600);
                case Message.CREATEPERMISSION_REQUEST -> MessageFactory.createCreatePermissionResponse();
                case Message.CHANNELBIND_REQUEST -> MessageFactory.createChannelBindResponse();
                default -> null;
            };
            if (response == null) {
                return null;
            }
            response.setTransactionID(request.getTransactionID());
            return response.encode(stack);
        } catch (Exception e) {
            return null;
        }
    }
}
