package io.netloom.daemon.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * An upstream resolver on loopback (UDP and TCP on one port) that answers as the test tells it: every A question
 * with its own address, or not at all, with garbage, with another id, or with SERVFAIL.
 */
final class ScriptedUpstream implements AutoCloseable {

    enum Behaviour { ANSWER, SILENT, GARBAGE, WRONG_ID, SERVFAIL }

    private final InetAddress answer;
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private volatile Behaviour behaviour = Behaviour.ANSWER;
    /** Every question received, as "udp|tcp name id". */
    final List<String> received = new CopyOnWriteArrayList<>();

    ScriptedUpstream(String answer) throws IOException {
        this.answer = InetAddress.getByName(answer);
        DatagramSocket boundUdp = null;
        ServerSocket boundTcp = null;
        // A free UDP port's number may be taken for TCP by another process (tests of other modules run beside).
        for (int attempt = 1; boundTcp == null; attempt++) {
            boundUdp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try {
                boundTcp = new ServerSocket();
                boundTcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), boundUdp.getLocalPort()));
            } catch (BindException taken) {
                boundTcp.close();
                boundTcp = null;
                boundUdp.close();
                if (attempt == 10) {
                    throw taken;
                }
            }
        }
        this.udp = boundUdp;
        this.tcp = boundTcp;
        start("upstream-udp", this::serveUdp);
        start("upstream-tcp", this::serveTcp);
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), udp.getLocalPort());
    }

    void behave(Behaviour next) {
        behaviour = next;
    }

    private static void start(String name, Runnable loop) {
        Thread thread = new Thread(loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void serveUdp() {
        byte[] buffer = new byte[4096];
        while (!udp.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                byte[] reply = reply(Arrays.copyOf(packet.getData(), packet.getLength()), "udp");
                if (reply != null) {
                    udp.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
                }
            } catch (IOException e) {
                // closed, or a client gone: the next datagram, if any
            }
        }
    }

    private void serveTcp() {
        while (!tcp.isClosed()) {
            try (Socket socket = tcp.accept()) {
                DataInputStream in = new DataInputStream(socket.getInputStream());
                byte[] query = in.readNBytes(in.readUnsignedShort());
                byte[] reply = reply(query, "tcp");
                if (reply != null) {
                    DataOutputStream out = new DataOutputStream(socket.getOutputStream());
                    out.writeShort(reply.length);
                    out.write(reply);
                    out.flush();
                }
            } catch (IOException e) {
                // closed, or a client gone
            }
        }
    }

    private byte[] reply(byte[] bytes, String transport) throws IOException {
        Message query = new Message(bytes);
        received.add(transport + " " + query.getQuestion().getName() + " " + query.getHeader().getID());
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.RA);
        response.addRecord(query.getQuestion(), Section.QUESTION);
        switch (behaviour) {
            case SILENT:
                return null;
            case GARBAGE:
                byte[] garbage = new byte[40];
                Arrays.fill(garbage, (byte) 0xC0);
                garbage[0] = bytes[0];
                garbage[1] = bytes[1];
                return garbage;
            case WRONG_ID:
                response.getHeader().setID((query.getHeader().getID() + 1) & 0xFFFF);
                break;
            case SERVFAIL:
                response.getHeader().setRcode(Rcode.SERVFAIL);
                return response.toWire();
            default:
                break;
        }
        Record question = query.getQuestion();
        if (question.getName().getLabelString(0).startsWith("nx")) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
        } else {
            response.addRecord(new ARecord(question.getName(), DClass.IN, 60, answer), Section.ANSWER);
        }
        return response.toWire();
    }

    @Override
    public void close() throws IOException {
        udp.close();
        tcp.close();
    }
}
