package io.netloom.daemon.ice;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local end of one peer's tunnel: a UDP socket on {@code 127.0.0.1:<proxyPort>}, connected to
 * {@code 127.0.0.1:<wireGuardPort>}, which WireGuard uses as that peer's endpoint.
 *
 * <p>One dedicated thread reads WireGuard's datagrams and sends each on the active {@link IcePath}; each path's
 * own reader thread writes what arrives from the remote back here. The hot loops reuse their buffers and
 * packets, and neither allocate nor log per datagram. WireGuard's datagrams are read into a direct buffer, after
 * {@link IcePath#HEADROOM} free bytes: a relayed path puts its ChannelData header there and the datagram leaves
 * for the relay from where the kernel wrote it. Switching paths is a volatile write; a datagram that finds
 * no path is dropped (WireGuard retransmits handshakes, and the tunnel is down anyway).
 *
 * <p>Never interrupt these threads: interrupting a thread blocked on a channel closes the channel.
 */
final class WireGuardProxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WireGuardProxy.class);
    private static final int SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;
    private static final int MAX_DATAGRAM = 65_535;

    private final DatagramChannel channel;
    private final InetSocketAddress localAddress;
    private final Thread outbound;
    /** WireGuard's handshake initiation (type 1) and response (type 2): the WireGuard paper, section 5.4.2-5.4.3. */
    private static final int HANDSHAKE_INITIATION_LENGTH = 148;
    private static final int HANDSHAKE_RESPONSE_LENGTH = 92;

    /** Held while sending on the active path: the outbound thread and {@link #switchTo} both send. */
    private final Object sending = new Object();
    /** The handshake message kept while there is no path, after {@link IcePath#HEADROOM} free bytes. */
    private final ByteBuffer pendingHandshake = ByteBuffer.allocate(IcePath.HEADROOM + HANDSHAKE_INITIATION_LENGTH);
    private int pendingHandshakeLength;
    /** Whether {@link #switchTo} keeps a pending initiation back for {@link #releaseHeldInitiation}. */
    private final boolean holdInitiations;
    private volatile IcePath active;
    private volatile boolean closed;

    /** Datagrams from WireGuard, by outcome; each written only by the outbound thread. */
    private volatile long fromWireGuard;
    private volatile long droppedNoPath;
    private volatile long sendFailures;
    /** Datagrams written to WireGuard failing (port unreachable: WireGuard not listening). */
    private volatile long deliveryFailures;

    /**
     * @param holdInitiations keep a pending handshake initiation back when a path is selected, until
     *     {@link #releaseHeldInitiation}: for one of the two ends, so that their initiations never cross
     */
    WireGuardProxy(String name, int wireGuardPort, boolean holdInitiations) throws IOException {
        this.holdInitiations = holdInitiations;
        InetAddress loopback = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            trySetBuffer(StandardSocketOptions.SO_RCVBUF);
            trySetBuffer(StandardSocketOptions.SO_SNDBUF);
            channel.bind(new InetSocketAddress(loopback, 0));
            channel.connect(new InetSocketAddress(loopback, wireGuardPort));
            localAddress = (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        outbound = new Thread(this::runOutbound, "nl-proxy-out-" + name);
        outbound.setDaemon(true);
        outbound.start();
    }

    InetSocketAddress localAddress() {
        return localAddress;
    }

    /**
     * Sends WireGuard's datagrams on {@code path} from now on ({@code null}: drop them). The last handshake
     * message WireGuard sent while there was no path goes out at once: WireGuard itself would retry only after
     * its 5 s rekey timeout, which would make every new tunnel wait that long. That may be a response, too: the
     * remote end can select the pair and send its initiation a moment before this side has a path.
     *
     * <p>An initiation is held back when this proxy holds initiations: both ends' WireGuards initiate when the
     * peer is configured, and if both initiations went out the moment the path appeared they would cross; each
     * WireGuard then answers the other's and drops the answer to its own (the handshake state holds one
     * handshake), and the tunnel waits 5 s for a retry.
     */
    void switchTo(IcePath path) {
        synchronized (sending) {
            active = path;
            if (path != null && pendingHandshakeLength > 0
                    && !(holdInitiations && pendingHandshake.get(IcePath.HEADROOM) == 1)) {
                sendPending(path);
            }
        }
    }

    /**
     * Sends a held initiation on the active path, if there still is one: the other end's initiation, if it had
     * one, has been answered by now, and this one finds its handshake state intact if it had none.
     */
    void releaseHeldInitiation() {
        synchronized (sending) {
            IcePath path = active;
            if (path != null && pendingHandshakeLength > 0) {
                sendPending(path);
            }
        }
    }

    private void sendPending(IcePath path) {
        pendingHandshake.limit(IcePath.HEADROOM + pendingHandshakeLength).position(IcePath.HEADROOM);
        if (!path.sendData(pendingHandshake)) {
            sendFailures++;
        }
        pendingHandshakeLength = 0;
    }

    IcePath active() {
        return active;
    }

    /** Called by path reader threads, each with its own buffer view over its own array. */
    void deliver(ByteBuffer datagram) {
        try {
            channel.write(datagram);
        } catch (PortUnreachableException e) {
            deliveryFailures++;
        } catch (ClosedChannelException e) {
            // closing
        } catch (IOException e) {
            deliveryFailures++;
        }
    }

    private void runOutbound() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(IcePath.HEADROOM + MAX_DATAGRAM);
        while (!closed) {
            buffer.clear().position(IcePath.HEADROOM);
            int length;
            try {
                length = channel.read(buffer);
            } catch (PortUnreachableException e) {
                continue; // an earlier write found WireGuard not listening
            } catch (ClosedChannelException e) {
                break;
            } catch (IOException e) {
                if (closed) {
                    break;
                }
                LOG.warn("reading from WireGuard on {} failed: {}", localAddress, e.toString());
                continue;
            }
            if (length <= 0) {
                continue;
            }
            buffer.flip().position(IcePath.HEADROOM);
            fromWireGuard++;
            synchronized (sending) {
                IcePath path = active;
                if (path == null) {
                    droppedNoPath++;
                    keepIfHandshake(buffer);
                } else if (!path.sendData(buffer)) {
                    sendFailures++;
                }
            }
        }
    }

    private void keepIfHandshake(ByteBuffer datagram) {
        int length = datagram.remaining();
        byte type = datagram.get(datagram.position());
        if ((length == HANDSHAKE_INITIATION_LENGTH && type == 1) || (length == HANDSHAKE_RESPONSE_LENGTH && type == 2)) {
            pendingHandshake.clear().position(IcePath.HEADROOM);
            pendingHandshake.put(datagram);
            pendingHandshakeLength = length;
        }
    }

    long fromWireGuard() {
        return fromWireGuard;
    }

    long droppedNoPath() {
        return droppedNoPath;
    }

    long sendFailures() {
        return sendFailures;
    }

    long deliveryFailures() {
        return deliveryFailures;
    }

    @Override
    public void close() {
        closed = true;
        active = null;
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing proxy socket", e);
        }
        try {
            outbound.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void trySetBuffer(java.net.SocketOption<Integer> option) {
        try {
            channel.setOption(option, SOCKET_BUFFER_BYTES);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot set {}", option, e);
        }
    }
}
