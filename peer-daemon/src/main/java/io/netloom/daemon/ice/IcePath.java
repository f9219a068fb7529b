package io.netloom.daemon.ice;

import io.netloom.daemon.relay.ChannelFrame;
import io.netloom.daemon.relay.RelayChannel;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.ice4j.TransportAddress;
import org.ice4j.ice.CandidatePair;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.RemoteCandidate;

/**
 * The pair ICE selected, used as a datagram path: WireGuard's datagrams go out through the pair's local socket
 * and what the remote end sends comes back to the proxy.
 *
 * <p>When the local candidate is a host candidate (or server/peer-reflexive, based on one), the path sends on the
 * host's {@link DataPlaneSocket} directly and is attached to it to receive in ice4j's reading thread. When it is
 * a relayed candidate, the path sends into our own TURN allocation ({@link RelaySocket}: ChannelData to the relay)
 * and is attached to it to receive on the allocation's reading thread. Either way WireGuard's datagrams take one
 * hop in user space, the proxy's.
 *
 * <p>The path also carries small probes between the two Netloom proxies, never delivered to WireGuard: 24 bytes,
 * {@code FF 'N' 'L' kind} (1 request, 2 reply), the sender's {@code System.nanoTime} (echoed back, giving the
 * RTT), the sender's milliseconds since it last received anything on this path (so a side whose outbound
 * direction is broken learns it), and the sender's path id. WireGuard messages start with types 1-4 and
 * three zero bytes, STUN with two zero bits, TURN ChannelData with 0x40-0x7F, so 0xFF collides with none.
 */
final class IcePath {

    static final int PROBE_LENGTH = 24;
    /**
     * Free bytes the proxy leaves in front of each datagram it hands to {@link #sendData}: a relayed path writes
     * its ChannelData header there and sends header and datagram from the proxy's buffer as they lie.
     */
    static final int HEADROOM = ChannelFrame.HEADER;
    private static final int MAX_DATAGRAM = 65_535;
    private static final byte PROBE_REQUEST = 1;
    private static final byte PROBE_REPLY = 2;

    final long id = ThreadLocalRandom.current().nextLong();
    final InetAddress remoteAddress;
    final int remotePort;
    final String localType;
    final String localEndpoint;
    final String remoteType;
    final String remoteEndpoint;
    final ConnectionType type;
    private final WireGuardProxy proxy;
    /** One of our host sockets, or our relay allocation: the path sends and receives on it directly. */
    private final PathSocket socket;
    /** The host socket's address, or {@code null} on a relay. */
    private final InetSocketAddress hostSocketAddress;
    /** On a relay allocation of ours: the relays passed over before it; otherwise empty. */
    private final List<RelayFallbackStep> relayFallback;

    /** Used only by the proxy's outbound thread: a host path's copy of the datagram, {@code null} on a relay. */
    private final byte[] dataOutBytes;
    private final DatagramPacket dataOut;
    /** Used only by the proxy's outbound thread: the relay channel to the remote end once it is bound. */
    private RelayChannel relayChannel;
    /** Used only by the caller of {@link #sendProbe} (the connection's actor thread). */
    private final byte[] probeOut = new byte[PROBE_LENGTH];
    private final DatagramPacket probeOutPacket;

    private volatile boolean retired;
    private volatile boolean offloaded;
    private volatile long lastReceiveNanos;
    private volatile long rttNanos = -1;
    private volatile int remoteSilenceMillis = -1;
    private volatile long remoteSilenceAtNanos;
    private volatile long lastProbeSentNanos;

    private volatile long datagramsIn;
    private volatile long datagramsOut;
    private volatile long sendErrors;

    IcePath(CandidatePair pair, WireGuardProxy proxy, Function<TransportAddress, DataPlaneSocket> hostSockets) {
        LocalCandidate local = pair.getLocalCandidate();
        RemoteCandidate remote = pair.getRemoteCandidate();
        this.remoteAddress = remote.getTransportAddress().getAddress();
        this.remotePort = remote.getTransportAddress().getPort();
        this.localType = typeName(local.getType());
        this.localEndpoint = endpoint(local.getTransportAddress().getAddress(), local.getTransportAddress().getPort());
        this.remoteType = typeName(remote.getType());
        this.remoteEndpoint = endpoint(remoteAddress, remotePort);
        LocalCandidate base = local.getBase() == null ? local : local.getBase();
        boolean localRelayed = local.getType() == CandidateType.RELAYED_CANDIDATE
                || base.getType() == CandidateType.RELAYED_CANDIDATE;
        this.type = localRelayed || remote.getType() == CandidateType.RELAYED_CANDIDATE
                ? ConnectionType.RELAYED : ConnectionType.P2P;
        this.socket = base instanceof AllocationCandidate relayed ? relayed.relay()
                : localRelayed || base.getType() != CandidateType.HOST_CANDIDATE ? null
                : hostSockets.apply(base.getTransportAddress());
        if (socket == null) {
            throw new IllegalStateException("the selected pair runs on no socket of ours (" + localType + " "
                    + localEndpoint + ")");
        }
        this.relayFallback = base instanceof AllocationCandidate relayed ? relayed.fallback() : List.of();
        this.hostSocketAddress = socket instanceof RelaySocket ? null
                : new InetSocketAddress(base.getTransportAddress().getAddress(), base.getTransportAddress().getPort());
        this.proxy = proxy;
        this.dataOutBytes = socket instanceof RelaySocket ? null : new byte[MAX_DATAGRAM];
        this.dataOut = new DatagramPacket(new byte[0], 0, remoteAddress, remotePort);
        this.probeOutPacket = new DatagramPacket(probeOut, PROBE_LENGTH, remoteAddress, remotePort);
        this.lastReceiveNanos = System.nanoTime();
    }

    static String typeName(CandidateType type) {
        return switch (type) {
            case HOST_CANDIDATE, LOCAL_CANDIDATE -> "host";
            case SERVER_REFLEXIVE_CANDIDATE, STUN_CANDIDATE -> "srflx";
            case PEER_REFLEXIVE_CANDIDATE -> "prflx";
            case RELAYED_CANDIDATE -> "relay";
        };
    }

    static String endpoint(InetAddress address, int port) {
        return address.getHostAddress() + ":" + port;
    }

    /** Starts receiving: attaches to the host socket or the relay allocation. */
    void start() {
        socket.attach(this);
    }

    /** Marks the path replaced; it keeps delivering until its agent is freed (the remote may not have switched yet). */
    void retire() {
        retired = true;
    }

    /** Stops receiving on a socket that may outlive this path. */
    void detach() {
        socket.detach(this);
    }

    /** The host socket the path runs on, or {@code null} when it runs on a relay allocation of ours. */
    InetSocketAddress hostSocketAddress() {
        return hostSocketAddress;
    }

    InetSocketAddress remoteSocketAddress() {
        return new InetSocketAddress(remoteAddress, remotePort);
    }

    /** Whether WireGuard's datagrams on this path bypass the proxy ({@link DirectPathOffload}). */
    boolean offloaded() {
        return offloaded;
    }

    void markOffloaded(boolean value) {
        offloaded = value;
    }

    /** How this device reaches the relay the path runs on ({@code udp}, {@code tcp}, {@code tls}), else {@code null}. */
    String relayTransport() {
        RelaySocket relay = relay();
        return relay == null ? null : relay.server().transport().name().toLowerCase(Locale.ROOT);
    }

    /** The relay the path runs on as {@code host:port}, else {@code null}. */
    String relayServer() {
        RelaySocket relay = relay();
        return relay == null ? null : IceUris.hostForUri(relay.server().host()) + ":" + relay.server().port();
    }

    /** The relays passed over before the one the path runs on (tried and failed, or skipped), else empty. */
    List<RelayFallbackStep> relayFallback() {
        return relayFallback;
    }

    /** The relay allocation of ours the path runs on, or {@code null} when it runs on a host socket. */
    RelaySocket relay() {
        return socket instanceof RelaySocket relay ? relay : null;
    }

    /**
     * Sends the datagram between {@code datagram}'s position and limit, which has {@link #HEADROOM} free bytes before
     * it. From the proxy's outbound thread only (under its sending lock).
     */
    boolean sendData(ByteBuffer datagram) {
        try {
            RelaySocket relay = relay();
            if (relay != null) {
                sendRelayed(relay, datagram);
            } else {
                int length = datagram.remaining();
                datagram.get(dataOutBytes, 0, length);
                dataOut.setData(dataOutBytes, 0, length);
                socket.send(dataOut);
            }
            datagramsOut++;
            return true;
        } catch (IOException | RuntimeException e) {
            // a TurnException too (the allocation failed): the connection's monitor renegotiates
            sendErrors++;
            return false;
        }
    }

    /**
     * Through the bound channel, in place. Until the relay has bound it (the remote end may be a peer-reflexive
     * address found a moment ago) the datagram is copied and sent the way ice4j's are, which opens the channel.
     */
    private void sendRelayed(RelaySocket relay, ByteBuffer datagram) throws IOException {
        if (relayChannel == null) {
            Optional<RelayChannel> bound = relay.channel(remoteSocketAddress());
            if (bound.isEmpty()) {
                byte[] copy = new byte[datagram.remaining()];
                datagram.get(copy);
                relay.send(new DatagramPacket(copy, copy.length, remoteAddress, remotePort));
                return;
            }
            relayChannel = bound.get();
        }
        relayChannel.send(datagram);
    }

    /** From the connection's actor thread only. */
    void sendProbe() {
        long now = System.nanoTime();
        writeProbe(probeOut, PROBE_REQUEST, now, silenceMillis(now));
        lastProbeSentNanos = now;
        try {
            socket.send(probeOutPacket);
        } catch (IOException | RuntimeException e) {
            sendErrors++;
        }
    }

    /**
     * Takes a datagram received on this path's socket, between {@code datagram}'s position and limit, if it is for
     * the data plane: from the remote end, and not STUN (RFC 5389: two zero bits and the magic cookie). Path probes
     * are answered; anything else goes to the proxy. Returns {@code false}, leaving the buffer as it was, to leave
     * the datagram to ice4j. Called by one receiving thread at a time, which owns {@code datagram}, {@code reply} and
     * {@code replyPacket}.
     */
    boolean consume(InetAddress from, int port, ByteBuffer datagram, byte[] reply, DatagramPacket replyPacket,
            DatagramSocket replySocket) {
        if (port != remotePort || !remoteAddress.equals(from)) {
            return false;
        }
        if (isStun(datagram)) {
            return false; // connectivity checks, keep-alives: ice4j's
        }
        long now = System.nanoTime();
        lastReceiveNanos = now;
        if (isProbe(datagram)) {
            onProbe(datagram, now, reply, replyPacket, replySocket);
            return true;
        }
        datagramsIn++;
        proxy.deliver(datagram);
        return true;
    }

    /** RFC 5389 STUN: two zero bits, then the magic cookie at offset 4 (ice4j always sends it). */
    static boolean isStun(ByteBuffer datagram) {
        int at = datagram.position();
        return datagram.remaining() >= 20 && (datagram.get(at) & 0xC0) == 0 && datagram.getInt(at + 4) == 0x2112A442;
    }

    static boolean isProbe(ByteBuffer datagram) {
        int at = datagram.position();
        return datagram.remaining() == PROBE_LENGTH && datagram.get(at) == (byte) 0xFF && datagram.get(at + 1) == 'N'
                && datagram.get(at + 2) == 'L';
    }

    private void onProbe(ByteBuffer probe, long now, byte[] reply, DatagramPacket replyPacket,
            DatagramSocket replySocket) {
        int at = probe.position();
        if (probe.get(at + 3) == PROBE_REQUEST) {
            remoteSilenceMillis = probe.getInt(at + 12);
            remoteSilenceAtNanos = now;
            writeProbe(reply, PROBE_REPLY, probe.getLong(at + 4), 0);
            replyPacket.setData(reply, 0, PROBE_LENGTH);
            replyPacket.setAddress(remoteAddress);
            replyPacket.setPort(remotePort);
            try {
                replySocket.send(replyPacket);
            } catch (IOException | RuntimeException e) {
                sendErrors++;
            }
        } else if (probe.get(at + 3) == PROBE_REPLY) {
            long rtt = now - probe.getLong(at + 4);
            if (rtt >= 0 && rtt < 60_000_000_000L) {
                rttNanos = rtt;
            }
        }
    }

    private void writeProbe(byte[] out, byte kind, long timestamp, int silenceMillis) {
        out[0] = (byte) 0xFF;
        out[1] = 'N';
        out[2] = 'L';
        out[3] = kind;
        putLong(out, 4, timestamp);
        putInt(out, 12, silenceMillis);
        putLong(out, 16, id);
    }

    /** Milliseconds since anything arrived from the remote on this path (since creation if nothing did). */
    int silenceMillis(long nowNanos) {
        long millis = (nowNanos - lastReceiveNanos) / 1_000_000L;
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, millis));
    }

    /** What the remote last reported about hearing us, or -1 when no report arrived within {@code maxAgeNanos}. */
    int remoteSilenceMillis(long nowNanos, long maxAgeNanos) {
        int reported = remoteSilenceMillis;
        if (reported < 0 || nowNanos - remoteSilenceAtNanos > maxAgeNanos) {
            return -1;
        }
        return reported;
    }

    /** When anything last arrived from the remote on this path (its creation if nothing did), on the wall clock. */
    Instant lastReceived() {
        long silenceNanos = Math.max(0, System.nanoTime() - lastReceiveNanos);
        return Instant.now().minusNanos(silenceNanos);
    }

    long rttNanos() {
        return rttNanos;
    }

    long lastProbeSentNanos() {
        return lastProbeSentNanos;
    }

    long datagramsIn() {
        return datagramsIn;
    }

    long datagramsOut() {
        return datagramsOut;
    }

    long sendErrors() {
        return sendErrors;
    }

    String describe() {
        return type + " " + localType + " " + localEndpoint + " -> " + remoteType + " " + remoteEndpoint;
    }

    private static void putLong(byte[] b, int offset, long value) {
        for (int i = 7; i >= 0; i--) {
            b[offset + i] = (byte) value;
            value >>>= 8;
        }
    }

    private static void putInt(byte[] b, int offset, int value) {
        b[offset] = (byte) (value >>> 24);
        b[offset + 1] = (byte) (value >>> 16);
        b[offset + 2] = (byte) (value >>> 8);
        b[offset + 3] = (byte) value;
    }
}
