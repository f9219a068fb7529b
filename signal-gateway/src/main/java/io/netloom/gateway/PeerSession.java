package io.netloom.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.netloom.domain.ids.PeerId;
import io.netloom.gateway.protocol.PathReport;
import io.netloom.gateway.protocol.TurnCredentialsMessage;
import io.netloom.gateway.protocol.Wire;
import io.netloom.mapsigning.SignedMapMessage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One peer's WebSocket. Everything here runs on the session's event-loop context; map updates from
 * the signing threads are handed over with {@link #offer}. Map messages arrive signed for this peer
 * (ADR 0015) and are forwarded byte for byte: the session can neither merge nor alter them. Outbound,
 * the session writes them as they come while the peer keeps up; once {@code writeQueueBytes} are
 * written but not yet taken by the socket, further messages wait in a queue, and once that queue holds
 * more than {@code mapQueueBytes} it is dropped and the peer gets a freshly signed full map instead.
 * Memory per session is therefore bounded by the two limits and one map. After the first sync the session
 * sends the peer its TURN credentials, and fresh ones again at half their validity, for as long as it lasts:
 * only this authenticated session ever carries them, and they are never logged. The paths the peer reports are kept
 * here, and end with the session.
 */
final class PeerSession {

    private static final Logger log = LoggerFactory.getLogger(PeerSession.class);
    private static final Set<String> SIGNAL_KINDS = Set.of("handshake", "handshake-reply", "offer", "answer",
            "candidate", "close");
    private static final int MAX_SIGNAL_FIELD_CHARS = 16 * 1024;

    final PeerIdentity peer;
    final String id;
    private final ServerWebSocket socket;
    private final Vertx vertx;
    private final Context context;
    private final GatewayServices services;
    private final TokenBucket messageRate;
    private final Deque<SignedMapMessage> queued = new ArrayDeque<>();
    /** The serial the peer holds once it has read everything written and queued. */
    private long acceptedSerial = -1;
    private long queuedBytes;
    private boolean resyncNeeded;
    private boolean flushing;
    private long unflushedBytes;
    private boolean closed;
    private long lastHeardNanos;
    private final UnconfirmedSignals unconfirmed = new UnconfirmedSignals();
    private long turnTimer = -1;
    /** Written on the session's event loop, read by the API's threads. */
    private volatile ReportedPaths paths;

    PeerSession(ServerWebSocket socket, Vertx vertx, Context context, PeerIdentity peer, GatewayServices services) {
        this.socket = socket;
        this.vertx = vertx;
        this.context = context;
        this.peer = peer;
        this.services = services;
        this.id = SessionIds.newId(services.node());
        long now = System.nanoTime();
        this.lastHeardNanos = now;
        this.messageRate = new TokenBucket(services.config().messagesPerSecond(), services.config().messageBurst(), now);
    }

    /**
     * Wires the socket and sends the first sync: the deltas since the peer's map when it is of this gateway's model
     * and they are still held, else the full map (ADR 0057).
     */
    void start(HeldMap held) {
        socket.textMessageHandler(this::onText);
        socket.binaryMessageHandler(bytes -> violation("binary_frame", "only text messages are part of the protocol"));
        socket.pongHandler(pong -> heard());
        socket.exceptionHandler(error -> log.debug("session {} of peer {} failed: {}", id, peer.peerId(), error.toString()));
        Optional<List<SignedMapMessage>> missed = held.continuesIn(services.signedMaps().modelId())
                ? services.signedMaps().deltasSince(peer.accountId(), peer.peerId(), held.serial()) : Optional.empty();
        if (missed.isPresent()) {
            acceptedSerial = held.serial();
            missed.get().forEach(this::enqueue);
        } else {
            resyncNeeded = true;
        }
        flush();
        sendTurnCredentials();
    }

    /**
     * Sends fresh TURN credentials and schedules the next ones. They bypass the map queue: they are small,
     * and a peer that does not read its messages is cut off by the queue limits anyway.
     */
    private void sendTurnCredentials() {
        if (closed) {
            return;
        }
        Optional<TurnCredentialsMessage.Grant> grant;
        try {
            grant = services.turnCredentials().issue(peer, services.clock().instant());
        } catch (RuntimeException e) {
            // The session carries on without: the peer keeps the credentials it holds.
            log.warn("TURN credentials for peer {} not issued: {}", peer.peerId(), e.toString());
            return;
        }
        if (grant.isEmpty()) {
            return;
        }
        write(TurnCredentialsMessage.encode(grant.get()));
        log.debug("sent TURN credentials valid for {} to peer {}", grant.get().validFor(), peer.peerId());
        turnTimer = vertx.setTimer(TurnRefreshSchedule.delayAfterSending(grant.get().validFor()).toMillis(),
                timer -> context.runOnContext(ignored -> sendTurnCredentials()));
    }

    /** Called from any thread with a signed message for this peer. */
    void offer(SignedMapMessage message) {
        context.runOnContext(ignored -> {
            enqueue(message);
            flush();
        });
    }

    /**
     * Called from any thread with a signal for this peer; completes with what became of it. A peer that does not read
     * what it is sent gets no more: the signal is dropped and the sender told, so memory stays bounded.
     */
    Future<SignalOutcome> deliver(String message) {
        Promise<SignalOutcome> outcome = Promise.promise();
        context.runOnContext(ignored -> {
            if (closed || isBacklogged()) {
                services.meters().signal(SignalOutcome.PEER_BUSY);
                outcome.complete(SignalOutcome.PEER_BUSY);
            } else {
                // Counted before the write, so whoever sees the signal arrive sees it counted.
                services.meters().signal(SignalOutcome.RELAYED);
                write(message);
                unconfirmed.written(message, System.nanoTime());
                outcome.complete(SignalOutcome.RELAYED);
            }
        });
        return outcome.future();
    }

    /**
     * Called from the session replacing this one: the signals written here recently that the peer may never have
     * got, because nothing was heard from it since.
     */
    List<String> unconfirmedSignals() {
        return unconfirmed.takeRecent(System.nanoTime());
    }

    /** Called from {@code open} after {@link #start}: writes the signals the replaced session may have lost. */
    void carryOver(List<String> signals) {
        if (signals.isEmpty()) {
            return;
        }
        context.runOnContext(ignored -> {
            if (!closed) {
                log.debug("session {} of peer {}: {} signal(s) of the replaced session written again", id,
                        peer.peerId(), signals.size());
                signals.forEach(this::write);
            }
        });
    }

    private void heard() {
        lastHeardNanos = System.nanoTime();
        unconfirmed.heard();
    }

    /** Called from any thread: tells this peer about a problem with something it sent. */
    void report(String code, String message) {
        context.runOnContext(ignored -> sendError(code, message));
    }

    /** Called from any thread: ends the session with a code and a reason the peer can show. */
    void end(short code, String reason) {
        context.runOnContext(ignored -> close(code, reason));
    }

    /** Pings the peer, or ends a session that has been silent too long. */
    void heartbeat() {
        context.runOnContext(ignored -> {
            if (System.nanoTime() - lastHeardNanos > services.config().idleTimeout().toNanos()) {
                close(CloseCodes.HEARTBEAT_TIMEOUT, "no heartbeat for " + services.config().idleTimeout().toSeconds() + " s");
            } else if (!closed) {
                socket.writePing(Buffer.buffer("hb"));
            }
        });
    }

    void markClosed() {
        closed = true;
        vertx.cancelTimer(turnTimer);
    }

    /** Queues a message that continues what the peer will hold; a gap means the peer needs its full map. */
    private void enqueue(SignedMapMessage message) {
        if (resyncNeeded || message.serial() <= acceptedSerial) {
            return;
        }
        if (message.baseSerial() != acceptedSerial) {
            requireResync();
            return;
        }
        queued.addLast(message);
        queuedBytes += message.text().length();
        acceptedSerial = message.serial();
    }

    private void requireResync() {
        resyncNeeded = true;
        queued.clear();
        queuedBytes = 0;
    }

    /**
     * Writes what the socket will take. A write may complete, and call flush() again, at once: the
     * inner call returns and this loop goes on, so the stack stays flat however long the queue.
     */
    private void flush() {
        if (flushing) {
            return;
        }
        flushing = true;
        try {
            while (!closed && !isBacklogged()) {
                if (resyncNeeded) {
                    resyncNeeded = false;
                    Optional<SignedMapMessage> map = services.signedMaps().fullMap(peer.accountId(), peer.peerId());
                    if (map.isEmpty()) {
                        // Admitted but not yet in the model (maps trail enrollment by moments): its first
                        // delta, from serial 0, is the whole map. A removed peer is closed by revocation.
                        acceptedSerial = 0;
                        return;
                    }
                    acceptedSerial = map.get().serial();
                    services.meters().mapPushed(true);
                    write(map.get().text());
                } else if (!queued.isEmpty()) {
                    SignedMapMessage message = queued.removeFirst();
                    queuedBytes -= message.text().length();
                    services.meters().mapPushed(message.isFullMap());
                    write(message.text());
                } else {
                    return;
                }
            }
            if (queuedBytes > services.config().mapQueueBytes()) {
                requireResync();
            }
        } finally {
            flushing = false;
        }
    }

    private boolean isBacklogged() {
        return unflushedBytes >= services.config().writeQueueBytes();
    }

    /**
     * Writes and counts the bytes until the socket has taken them: a peer that stops reading fills
     * its TCP window, its writes stay unfinished, and from then on map messages wait in the queue.
     */
    private void write(String message) {
        unflushedBytes += message.length();
        socket.writeTextMessage(message).onComplete(written -> {
            unflushedBytes -= message.length();
            flush();
        });
    }

    private void onText(String text) {
        if (closed) {
            return;
        }
        heard();
        if (text.length() > services.config().maxFrameBytes()) {
            sendError("too_large", "messages are limited to " + services.config().maxFrameBytes() + " bytes");
            close(CloseCodes.MESSAGE_TOO_LARGE, "message too large");
            return;
        }
        if (!messageRate.tryTake(lastHeardNanos)) {
            sendError("rate_limited", "more than " + services.config().messagesPerSecond() + " messages per second");
            close(CloseCodes.RATE_LIMITED, "rate limit exceeded");
            return;
        }
        JsonNode message;
        try {
            message = Wire.read(text);
        } catch (Exception e) {
            violation("malformed", "message is not a JSON object");
            return;
        }
        switch (message.path("type").asText("")) {
            case "resync" -> {
                requireResync();
                flush();
            }
            case "signal" -> relay(message);
            case PathReport.TYPE -> takePaths(message);
            default -> violation("unknown_type", "unknown message type");
        }
    }

    /** Forwards an end-to-end encrypted signal to a peer this one may reach, under this peer's id. */
    private void relay(JsonNode message) {
        if (message.has("from")) {
            invalidSignal("spoofed_sender", "a signal must not name its sender: the gateway does");
            return;
        }
        String kind = message.path("kind").asText("");
        JsonNode sequence = message.path("seq");
        String nonce = message.path("nonce").asText("");
        String ciphertext = message.path("ciphertext").asText("");
        PeerId recipient;
        try {
            recipient = new PeerId(message.path("to").asText(""));
        } catch (RuntimeException e) {
            invalidSignal("invalid_signal", "to must be a peer id");
            return;
        }
        if (!SIGNAL_KINDS.contains(kind) || !sequence.canConvertToLong() || !sequence.isIntegralNumber()
                || sequence.asLong() <= 0 || nonce.isEmpty() || ciphertext.isEmpty()
                || nonce.length() > MAX_SIGNAL_FIELD_CHARS || ciphertext.length() > MAX_SIGNAL_FIELD_CHARS) {
            invalidSignal("invalid_signal", "a signal needs kind (handshake, handshake-reply, offer, answer, candidate or "
                    + "close), a positive seq, nonce and ciphertext");
            return;
        }
        if (!services.maps().canReach(peer.accountId(), peer.peerId(), recipient)) {
            refuse(SignalOutcome.NOT_ALLOWED, "peer " + recipient + " is not in your network map");
            return;
        }
        RelayedSignal signal = new RelayedSignal(peer.accountId(), peer.peerId(), recipient, sequence.asLong(),
                Wire.signalFrom(peer.peerId().value(), kind, sequence.asLong(), nonce, ciphertext));
        services.relay().relay(signal).onSuccess(outcome -> {
            if (outcome != SignalOutcome.RELAYED) {
                report(outcome.tag(), signal.refusal(outcome));
            }
        });
    }

    /** Counts a signal the gateway does not relay and tells its sender, whose error code is the outcome's name. */
    private void refuse(SignalOutcome outcome, String message) {
        services.meters().signal(outcome);
        sendError(outcome.tag(), message);
    }

    /** A malformed signal is a protocol violation: counted, and the session closed. */
    private void invalidSignal(String code, String message) {
        services.meters().signal(SignalOutcome.INVALID);
        violation(code, message);
    }

    /**
     * Keeps the peer's newest report in place of the one before. Entries towards peers that are not in its map
     * (unknown ids, another account's peers, peers it may no longer reach) are dropped: what is kept is only ever
     * shown to this peer's account.
     */
    private void takePaths(JsonNode message) {
        List<PathReport.Path> reported;
        try {
            reported = PathReport.decode(message);
        } catch (IllegalArgumentException e) {
            violation("invalid_paths", e.getMessage());
            return;
        }
        List<PathReport.Path> kept = reported.stream().filter(path -> reaches(path.peerId())).toList();
        if (kept.size() < reported.size()) {
            log.debug("dropped {} of {} paths reported by peer {}: not in its map", reported.size() - kept.size(),
                    reported.size(), peer.peerId());
        }
        ReportedPaths previous = paths;
        paths = new ReportedPaths(services.clock().instant(), kept);
        if (previous == null || !previous.paths().equals(kept)) {
            services.pathReports().pathsChanged(peer);
        }
    }

    /** The paths this peer reported last, towards the peers it still reaches; empty before any report. */
    Optional<ReportedPaths> reportedPaths() {
        ReportedPaths latest = paths;
        if (latest == null) {
            return Optional.empty();
        }
        return Optional.of(new ReportedPaths(latest.receivedAt(),
                latest.paths().stream().filter(path -> reaches(path.peerId())).toList()));
    }

    /** How many of the paths in this peer's latest report are of {@code type}, as reported: for counting only. */
    int reportedPathsOf(PathReport.ConnectionType type) {
        ReportedPaths latest = paths;
        if (latest == null) {
            return 0;
        }
        int count = 0;
        for (PathReport.Path path : latest.paths()) {
            if (path.type() == type) {
                count++;
            }
        }
        return count;
    }

    private boolean reaches(String peerId) {
        // The codec admits only well-formed ids, which PeerId accepts.
        return services.maps().canReach(peer.accountId(), peer.peerId(), new PeerId(peerId));
    }

    private void violation(String code, String message) {
        sendError(code, message);
        close(CloseCodes.PROTOCOL_VIOLATION, code);
    }

    /** Errors to a peer that does not read them are dropped; violations close the session anyway. */
    private void sendError(String code, String message) {
        if (!closed && !isBacklogged()) {
            write(Wire.error(code, message));
        }
    }

    private void close(short code, String reason) {
        if (!closed) {
            closed = true;
            vertx.cancelTimer(turnTimer);
            socket.close(code, reason);
        }
    }
}
