package io.netloom.daemon.sync;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;

/**
 * A man in the middle between daemons and a gateway, as a compromised proxy or gateway host would be.
 * It passes the HTTP exchanges and everything a daemon sends through byte for byte, reads the
 * gateway's WebSocket frames, and lets the test drop, rewrite or add text messages on their way to
 * the daemon. Over plain ws:// that is all it takes. Over TLS it must end the daemon's TLS and open
 * its own to the gateway ({@link #terminatingTls}), even with the gateway's own certificate and key:
 * then the two connections have different channel bindings, and the sign-in the daemon makes for its
 * connection does not hold on the proxy's (ADR 0014).
 */
final class TamperingProxy implements AutoCloseable {

    private static final int OPCODE_CONTINUATION = 0x0;
    private static final int OPCODE_TEXT = 0x1;

    private final ServerSocket listener;
    private final InetSocketAddress gateway;
    private final SocketFactory towardsGateway;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<String> fromGateway = new CopyOnWriteArrayList<>();
    private volatile Function<String, List<String>> tamper = List::of;
    private volatile OutputStream toDaemon;

    /** In front of a gateway speaking plain ws://. */
    TamperingProxy(InetSocketAddress gateway) throws IOException {
        this(gateway, new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), SocketFactory.getDefault());
    }

    /**
     * In front of a gateway speaking TLS: presents {@code asGateway}'s certificate to daemons (the
     * gateway's own, stolen with its key) and reaches the gateway as a TLS client of {@code towardsGateway}.
     */
    static TamperingProxy terminatingTls(InetSocketAddress gateway, SSLContext asGateway, SSLContext towardsGateway)
            throws IOException {
        return new TamperingProxy(gateway, asGateway.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress()), towardsGateway.getSocketFactory());
    }

    private TamperingProxy(InetSocketAddress gateway, ServerSocket listener, SocketFactory towardsGateway) {
        this.gateway = gateway;
        this.listener = listener;
        this.towardsGateway = towardsGateway;
        Thread acceptor = new Thread(this::acceptAll, "tampering-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** From now on, each text message of the gateway is replaced by what {@code change} makes of it. */
    void tamper(Function<String, List<String>> change) {
        tamper = change;
    }

    /** Every text message the gateway sent through this proxy, as sent, oldest first. */
    List<String> fromGateway() {
        return List.copyOf(fromGateway);
    }

    /** Sends a text message to the daemon of the newest session, as if the gateway had sent it. */
    void injectToDaemon(String text) throws IOException {
        OutputStream out = toDaemon;
        if (out == null) {
            throw new IllegalStateException("no WebSocket session goes through the proxy");
        }
        writeFrame(out, OPCODE_TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    private void acceptAll() {
        while (!listener.isClosed()) {
            try {
                Socket daemon = listener.accept();
                Socket upstream = towardsGateway.createSocket(gateway.getAddress(), gateway.getPort());
                sockets.add(daemon);
                sockets.add(upstream);
                start("daemon-to-gateway", () -> copy(daemon.getInputStream(), upstream.getOutputStream()), daemon,
                        upstream);
                start("gateway-to-daemon", () -> relayFromGateway(new BufferedInputStream(upstream.getInputStream()),
                        new BufferedOutputStream(daemon.getOutputStream())), daemon, upstream);
            } catch (IOException e) {
                return;
            }
        }
    }

    private interface Pump {
        void run() throws IOException;
    }

    private static void start(String name, Pump pump, Socket one, Socket other) {
        Thread thread = new Thread(() -> {
            try {
                pump.run();
            } catch (IOException e) {
                // The connection ended; end both sides.
            } finally {
                closeQuietly(one);
                closeQuietly(other);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[8192];
        for (int read; (read = in.read(buffer)) >= 0; ) {
            out.write(buffer, 0, read);
            out.flush();
        }
    }

    /** Passes the HTTP response head; after a 101 reads frames, otherwise copies bytes. */
    private void relayFromGateway(InputStream rawIn, OutputStream out) throws IOException {
        DataInputStream in = new DataInputStream(rawIn);
        String head = readHead(in);
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        if (!head.startsWith("HTTP/1.1 101")) {
            copy(in, out);
            return;
        }
        toDaemon = out;
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        while (true) {
            int first = in.readUnsignedByte();
            int second = in.readUnsignedByte();
            if ((first & 0x70) != 0 || (second & 0x80) != 0) {
                throw new IOException("extensions and masked server frames are not expected from the gateway");
            }
            long length = second & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[Math.toIntExact(length)];
            in.readFully(payload);
            int opcode = first & 0x0F;
            boolean fin = (first & 0x80) != 0;
            if (opcode == OPCODE_TEXT || opcode == OPCODE_CONTINUATION) {
                message.write(payload);
                if (fin) {
                    String text = message.toString(StandardCharsets.UTF_8);
                    message.reset();
                    fromGateway.add(text);
                    for (String sent : tamper.apply(text)) {
                        writeFrame(out, OPCODE_TEXT, sent.getBytes(StandardCharsets.UTF_8));
                    }
                }
            } else {
                writeFrame(out, opcode, payload);
            }
        }
    }

    private static String readHead(DataInputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("the gateway closed before answering");
            }
            head.append((char) c);
        }
        return head.toString();
    }

    /** One unmasked, unfragmented frame, as a server sends it; writers take turns. */
    private static void writeFrame(OutputStream out, int opcode, byte[] payload) throws IOException {
        synchronized (out) {
            out.write(0x80 | opcode);
            if (payload.length < 126) {
                out.write(payload.length);
            } else if (payload.length <= 0xFFFF) {
                out.write(126);
                out.write(payload.length >>> 8);
                out.write(payload.length & 0xFF);
            } else {
                out.write(127);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    out.write((int) ((long) payload.length >>> shift) & 0xFF);
                }
            }
            out.write(payload);
            out.flush();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }
}
