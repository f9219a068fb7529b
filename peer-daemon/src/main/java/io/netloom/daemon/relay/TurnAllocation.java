package io.netloom.daemon.relay;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.ice4j.StunException;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.AttributeFactory;
import org.ice4j.attribute.DataAttribute;
import org.ice4j.attribute.LifetimeAttribute;
import org.ice4j.attribute.XorMappedAddressAttribute;
import org.ice4j.attribute.XorPeerAddressAttribute;
import org.ice4j.attribute.XorRelayedAddressAttribute;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.ice4j.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TURN allocation (RFC 8656) on one relay, over UDP, TCP or TLS: a relayed transport address, datagrams to and
 * from peers through channels, and everything that keeps it alive (Refresh at half the granted lifetime, each
 * peer's ChannelBind again at half the permission lifetime). Ends with {@link #close()} (Refresh with lifetime 0)
 * or, when the relay goes away or refuses to keep it, with {@link RelayListener#onFailed} once.
 *
 * <p>Threads: one reads from the relay, one runs the timers and the peers' setup; both end with the allocation.
 */
public final class TurnAllocation implements AutoCloseable {

    /** Where an allocation is in its life. */
    public enum State {
        ALLOCATING,
        ALLOCATED,
        FAILED,
        CLOSED
    }

    private static final Logger LOG = LoggerFactory.getLogger(TurnAllocation.class);
    private static final byte UDP_TRANSPORT = 17;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration MIN_REFRESH = Duration.ofSeconds(1);
    /** The most a ChannelData length field (and so a relayed UDP datagram) can carry. */
    private static final int MAX_DATAGRAM = 65_535;

    private final RelayServer server;
    private final TurnTimings timings;
    private final RelayListener listener;
    private final TurnConnection connection;
    private final TurnCodec codec;
    private final TurnRequests requests;
    private final PeerChannels peers = new PeerChannels();
    private final AtomicReference<State> state = new AtomicReference<>(State.ALLOCATING);
    private final AtomicLong undecodable = new AtomicLong();
    private final SecureRandom random = new SecureRandom();
    private final ScheduledExecutorService timer;
    private final Thread reader;
    private volatile Thread timerThread;
    private volatile InetSocketAddress relayedAddress;
    private volatile InetSocketAddress mappedAddress;
    private volatile Duration lifetime;

    private TurnAllocation(RelayServer server, TurnTimings timings, RelayListener listener, TurnConnection connection) {
        this.server = server;
        this.timings = timings;
        this.listener = listener;
        this.connection = connection;
        LongTermCredential credential = new LongTermCredential(server.username(), server.password());
        this.codec = new TurnCodec(credential);
        this.requests = new TurnRequests(connection, codec, credential, server.transport().reliable(), timings,
                server.describe());
        String name = "netloom-turn-" + server.describe();
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            timerThread = daemon(runnable, name + "-timer");
            return timerThread;
        });
        this.reader = daemon(this::readUntilClosed, name + "-reader");
    }

    /**
     * Connects to {@code server} and allocates a relayed UDP address with its credential; returns when the relay
     * granted it. Throws with {@link TurnError} saying why not (unreachable, certificate, quota, ...).
     */
    public static TurnAllocation allocate(RelayServer server, RelayTrust trust, TurnTimings timings,
            RelayListener listener) throws TurnException {
        return allocate(server, trust, timings, listener, null);
    }

    /**
     * As {@link #allocate(RelayServer, RelayTrust, TurnTimings, RelayListener)}, sending from {@code local}
     * ({@code null}: whatever address the routing table picks): a device limited to some interfaces reaches the relay
     * from one of them, as its ICE host candidates do.
     */
    public static TurnAllocation allocate(RelayServer server, RelayTrust trust, TurnTimings timings,
            RelayListener listener, InetAddress local) throws TurnException {
        TurnConnection connection = TurnConnections.open(server, trust, timings.requestTimeout(), local);
        TurnAllocation allocation = new TurnAllocation(server, timings, listener, connection);
        allocation.reader.start();
        try {
            allocation.allocate();
            return allocation;
        } catch (TurnException e) {
            allocation.fail(e);
            // The reader may have failed the allocation first and still be ending: the caller gets no thread back.
            allocation.awaitThreads();
            throw e;
        }
    }

    public RelayServer server() {
        return server;
    }

    public State state() {
        return state.get();
    }

    /** The address the relay receives on for this client: what peers send to. */
    public InetSocketAddress relayedAddress() {
        return relayedAddress;
    }

    /** This client's address as the relay sees it (a server-reflexive address). */
    public InetSocketAddress mappedAddress() {
        return mappedAddress;
    }

    /** The lifetime the relay granted at the last Allocate or Refresh. */
    public Duration lifetime() {
        return lifetime;
    }

    /**
     * Lets {@code peer} exchange datagrams with this allocation: installs a permission (from then on datagrams go
     * as Send indications) and binds a channel (from then on as ChannelData). The future completes when the channel
     * is bound, or fails with a {@link TurnException}; calling it again for the same peer returns the same future.
     */
    public CompletableFuture<Void> openPeer(InetSocketAddress peer) {
        if (state.get() != State.ALLOCATED) {
            return CompletableFuture.failedFuture(notUsable());
        }
        Optional<PeerChannels.Registration> registered = peers.register(peer);
        if (registered.isEmpty()) {
            return CompletableFuture.failedFuture(new TurnException(TurnError.REFUSED,
                    "no channel number left on relay " + server.describe()));
        }
        PeerChannels.Peer entry = registered.get().peer();
        if (registered.get().created()) {
            schedule(() -> setUp(entry), Duration.ZERO);
        }
        return entry.opened();
    }

    /**
     * Sends one datagram to {@code peer} through the relay: ChannelData once its channel is bound, a Send indication
     * while only its permission is installed. Returns false (and sends nothing) for a peer that was not opened with
     * {@link #openPeer} yet: the relay would drop it anyway. Copies the datagram: for ICE's checks and a path's
     * first datagrams; a path's data goes through its {@link #channel}.
     */
    public boolean send(InetSocketAddress peer, byte[] data) throws TurnException {
        checkSize(data.length);
        if (state.get() != State.ALLOCATED) {
            throw notUsable();
        }
        Optional<PeerChannels.Peer> entry = peers.byAddress(peer);
        if (entry.isEmpty() || !entry.get().permitted()) {
            return false;
        }
        if (entry.get().bound()) {
            ByteBuffer framed = ByteBuffer.allocate(ChannelFrame.HEADER + data.length);
            framed.position(ChannelFrame.HEADER).mark();
            framed.put(data).reset();
            send(entry.get().channel(), framed);
        } else {
            transmit(codec.encode(sendIndication(peer, data)));
        }
        return true;
    }

    /** {@code peer}'s bound channel, through which a path sends its data without copies, or empty until bound. */
    public Optional<RelayChannel> channel(InetSocketAddress peer) {
        return peers.byAddress(peer).filter(PeerChannels.Peer::bound)
                .map(entry -> new RelayChannel(this, peer, entry.channel()));
    }

    /** ChannelData on {@code channel}; the datagram has {@link ChannelFrame#HEADER} free bytes before it. */
    void send(char channel, ByteBuffer datagram) throws TurnException {
        checkSize(datagram.remaining());
        if (state.get() != State.ALLOCATED) {
            throw notUsable();
        }
        ChannelFrame.prepend(datagram, channel);
        try {
            connection.sendChannelData(datagram);
        } catch (IOException e) {
            throw lost(e);
        }
    }

    private void transmit(byte[] frame) throws TurnException {
        try {
            connection.send(frame);
        } catch (IOException e) {
            throw lost(e);
        }
    }

    private TurnException lost(IOException e) {
        TurnException lost = new TurnException(TurnError.CONNECTION_LOST, "cannot send to relay "
                + server.describe() + ": " + e.getMessage(), e);
        fail(lost);
        return lost;
    }

    private static void checkSize(int length) {
        if (length > MAX_DATAGRAM) {
            throw new IllegalArgumentException("a relayed datagram holds at most " + MAX_DATAGRAM + " bytes, not "
                    + length);
        }
    }

    /** Releases the allocation on the relay (Refresh with lifetime 0, best effort) and stops both threads. */
    @Override
    public void close() {
        if (!state.compareAndSet(State.ALLOCATED, State.CLOSED)) {
            return;
        }
        try {
            requests.send(id -> MessageFactory.createRefreshRequest(0), "Refresh (lifetime 0)",
                    CLOSE_TIMEOUT);
        } catch (TurnException e) {
            // The relay times the allocation out by itself; nothing the owner could do about it.
            LOG.debug("relay {} did not confirm the release of the allocation: {}", server.describe(), e.getMessage());
        }
        release(new TurnException(TurnError.CLOSED, "allocation on relay " + server.describe() + " closed"));
    }

    private void allocate() throws TurnException {
        Response response = requests.send(id -> {
            Request request = MessageFactory.createAllocateRequest(UDP_TRANSPORT, false);
            request.putAttribute(AttributeFactory.createLifetimeAttribute(seconds(timings.allocationLifetime())));
            return request;
        }, "Allocate");
        XorRelayedAddressAttribute relayed = (XorRelayedAddressAttribute) response.getAttribute(
                Attribute.XOR_RELAYED_ADDRESS);
        if (relayed == null) {
            throw new TurnException(TurnError.PROTOCOL, "relay " + server.describe()
                    + " granted an allocation without XOR-RELAYED-ADDRESS");
        }
        relayedAddress = plain(relayed.getAddress(response.getTransactionID()));
        XorMappedAddressAttribute mapped = (XorMappedAddressAttribute) response.getAttribute(
                Attribute.XOR_MAPPED_ADDRESS);
        mappedAddress = mapped == null ? null : plain(mapped.getAddress(response.getTransactionID()));
        if (!state.compareAndSet(State.ALLOCATING, State.ALLOCATED)) {
            throw new TurnException(TurnError.CONNECTION_LOST, "relay " + server.describe()
                    + " went away while allocating");
        }
        lifetime = granted(response);
        LOG.info("allocated {} on relay {} for {} s", relayedAddress, server.describe(), lifetime.toSeconds());
        schedule(this::refresh, half(lifetime));
    }

    private void refresh() {
        try {
            Response response = requests.send(
                    id -> MessageFactory.createRefreshRequest(seconds(timings.allocationLifetime())), "Refresh");
            lifetime = granted(response);
            LOG.debug("refreshed {} on relay {} for {} s", relayedAddress, server.describe(), lifetime.toSeconds());
            schedule(this::refresh, half(lifetime));
        } catch (TurnException e) {
            fail(e);
        }
    }

    private void setUp(PeerChannels.Peer peer) {
        TransportAddress address = transportAddress(peer.address());
        try {
            requests.send(id -> MessageFactory.createCreatePermissionRequest(address, id),
                    "CreatePermission for " + peer.address());
            peers.permitted(peer.address());
            bindChannel(peer);
            peers.bound(peer.address());
            LOG.debug("channel {} bound to {} on relay {}", (int) peer.channel(), peer.address(), server.describe());
            peer.opened().complete(null);
            schedule(() -> rebind(peer), timings.peerRefreshInterval());
        } catch (TurnException e) {
            peers.remove(peer.address());
            peer.opened().completeExceptionally(e);
            if (e.error() != TurnError.REFUSED) {
                fail(e);
            }
        }
    }

    private void rebind(PeerChannels.Peer peer) {
        try {
            bindChannel(peer);
            schedule(() -> rebind(peer), timings.peerRefreshInterval());
        } catch (TurnException e) {
            fail(e);
        }
    }

    private void bindChannel(PeerChannels.Peer peer) throws TurnException {
        TransportAddress address = transportAddress(peer.address());
        requests.send(id -> MessageFactory.createChannelBindRequest(peer.channel(), address, id),
                "ChannelBind for " + peer.address());
    }

    private void readUntilClosed() {
        while (true) {
            ByteBuffer frame;
            try {
                frame = connection.receive();
            } catch (TurnException e) {
                fail(e);
                return;
            } catch (PortUnreachableException e) {
                fail(new TurnException(TurnError.CONNECTION_LOST, "relay " + server.describe()
                        + " is gone (port unreachable)", e));
                return;
            } catch (IOException e) {
                fail(new TurnException(TurnError.CONNECTION_LOST, "connection to relay " + server.describe()
                        + " lost: " + e.getMessage(), e));
                return;
            }
            if (ChannelFrame.isChannelData(frame)) {
                dispatchChannelData(frame);
            } else {
                dispatchStun(frame);
            }
        }
    }

    /** A peer's datagram, handed on where it lies in the connection's buffer. */
    private void dispatchChannelData(ByteBuffer frame) {
        int start = frame.position();
        if (frame.remaining() < ChannelFrame.HEADER
                || ChannelFrame.length(frame) > frame.remaining() - ChannelFrame.HEADER) {
            dropUndecodable(frame.remaining(), "truncated ChannelData");
            return;
        }
        char channel = ChannelFrame.channel(frame);
        InetSocketAddress peer = peers.byChannel(channel);
        if (peer == null) {
            LOG.debug("dropped ChannelData on unbound channel {} from relay {}", (int) channel, server.describe());
            return;
        }
        frame.limit(start + ChannelFrame.HEADER + ChannelFrame.length(frame)).position(start + ChannelFrame.HEADER);
        deliver(peer, frame);
    }

    private void dispatchStun(ByteBuffer frame) {
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);
        Message message;
        try {
            message = codec.decode(bytes);
        } catch (StunException | RuntimeException e) {
            dropUndecodable(bytes.length, e.getMessage());
            return;
        }
        receive(message);
    }

    private void dropUndecodable(int length, String why) {
        long count = undecodable.incrementAndGet();
        // Logged at the first and then every 1000th, so that a relay sending garbage cannot flood the log.
        if (count == 1 || count % 1000 == 0) {
            LOG.warn("dropped {} undecodable frame(s) from relay {} (latest: {} bytes, {})", count,
                    server.describe(), length, why);
        }
    }

    private void receive(Message message) {
        if (message instanceof Response response) {
            if (!requests.complete(response)) {
                LOG.debug("dropped an answer to no pending request from relay {}", server.describe());
            }
        } else if (message.getMessageType() == Message.DATA_INDICATION) {
            XorPeerAddressAttribute from = (XorPeerAddressAttribute) message.getAttribute(Attribute.XOR_PEER_ADDRESS);
            DataAttribute data = (DataAttribute) message.getAttribute(Attribute.DATA);
            if (from != null && data != null) {
                deliver(plain(from.getAddress(message.getTransactionID())), ByteBuffer.wrap(data.getData()));
            }
        }
    }

    private void deliver(InetSocketAddress peer, ByteBuffer data) {
        try {
            listener.onDatagram(peer, data);
        } catch (RuntimeException e) {
            LOG.warn("the relay listener failed on a datagram from {}", peer, e);
        }
    }

    /** Ends the allocation because of {@code failure}: once, telling the owner only if it had been granted. */
    private void fail(TurnException failure) {
        State before = state.getAndUpdate(s -> s == State.ALLOCATING || s == State.ALLOCATED ? State.FAILED : s);
        if (before != State.ALLOCATING && before != State.ALLOCATED) {
            return;
        }
        release(failure);
        if (before == State.ALLOCATED) {
            LOG.warn("allocation {} on relay {} failed ({}): {}", relayedAddress, server.describe(), failure.error(),
                    failure.getMessage());
            try {
                listener.onFailed(failure);
            } catch (RuntimeException e) {
                LOG.warn("the relay listener failed on the end of the allocation", e);
            }
        }
    }

    private void release(TurnException reason) {
        requests.failAll(reason);
        peers.all().forEach(peer -> peer.opened().completeExceptionally(reason));
        connection.close();
        timer.shutdownNow();
        codec.close();
        awaitThreads();
    }

    /** Waits for the threads (except the one running this) so that an ended allocation leaves none behind. */
    private void awaitThreads() {
        try {
            Thread timing = timerThread;
            if (timing != null && Thread.currentThread() != timing) {
                // The executor counts as terminated a moment before its thread has ended.
                timer.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                timing.join(CLOSE_TIMEOUT.toMillis());
            }
            if (Thread.currentThread() != reader) {
                reader.join(CLOSE_TIMEOUT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void schedule(Runnable task, Duration delay) {
        try {
            timer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The allocation ended meanwhile: nothing left to keep alive.
        }
    }

    private TurnException notUsable() {
        return new TurnException(state.get() == State.CLOSED ? TurnError.CLOSED : TurnError.CONNECTION_LOST,
                "allocation on relay " + server.describe() + " is " + state.get());
    }

    private Duration granted(Response response) {
        LifetimeAttribute lifetime = (LifetimeAttribute) response.getAttribute(Attribute.LIFETIME);
        return lifetime == null ? timings.allocationLifetime() : Duration.ofSeconds(lifetime.getLifetime());
    }

    private static Duration half(Duration lifetime) {
        Duration half = lifetime.dividedBy(2);
        return half.compareTo(MIN_REFRESH) < 0 ? MIN_REFRESH : half;
    }

    private static int seconds(Duration duration) {
        return (int) Math.max(1, duration.toSeconds());
    }

    private Message sendIndication(InetSocketAddress peer, byte[] data) {
        byte[] id = new byte[12];
        random.nextBytes(id);
        Message indication = MessageFactory.createSendIndication(transportAddress(peer), data, id);
        try {
            indication.setTransactionID(id);
            return indication;
        } catch (StunException e) {
            throw new IllegalStateException("a 12-byte transaction id was refused", e);
        }
    }

    private static TransportAddress transportAddress(InetSocketAddress address) {
        return new TransportAddress(address, Transport.UDP);
    }

    private static InetSocketAddress plain(TransportAddress address) {
        return new InetSocketAddress(address.getAddress(), address.getPort());
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
