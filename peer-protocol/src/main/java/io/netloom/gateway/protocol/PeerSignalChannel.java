package io.netloom.gateway.protocol;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Forward-secret signaling with one remote peer (docs/protocol.md §3, ADR 0016). Every {@code offer} opens a fresh
 * Noise KK handshake authenticated by the two WireGuard keys and waits for its reply; only then is the offer sent,
 * sealed under a key mixed from both sides' ephemeral keys, as is everything else (answers, closes). Ephemeral
 * private keys are erased as soon as the handshake is split, and transport keys once two newer handshakes have
 * completed, so a WireGuard key stolen later opens no recorded ICE payload.
 *
 * <p>A received signal is accepted only with a sequence number above the last one accepted from this peer (kept in
 * memory), only if it authenticates, and only under a handshake this object took part in; everything else is
 * refused with a reason and changes nothing. Either side may start handshakes, even both at once. Pure: no I/O, no
 * clock, no logging; thread-safe (the caller keeps sending in the order of the sequence numbers it is given by
 * holding this object's monitor while it writes).
 */
public final class PeerSignalChannel {

    /** The first handshake message: the initiator's ephemeral key. Opens a handshake, carries no ICE payload. */
    public static final String HANDSHAKE = "handshake";
    /** The second handshake message: the responder's ephemeral key. */
    public static final String HANDSHAKE_REPLY = "handshake-reply";
    public static final String OFFER = "offer";
    public static final String ANSWER = "answer";
    public static final String CLOSE = "close";
    public static final String CANDIDATE = "candidate";

    private static final Set<String> PAYLOAD_KINDS = Set.of(OFFER, ANSWER, CLOSE, CANDIDATE);
    private static final String PROLOGUE = "netloom signal v2";
    private static final int ID_BYTES = 12;
    private static final int KEY_BYTES = 32;
    /** Completed handshakes kept for messages still on their way; a third erases the oldest. */
    private static final int KEPT_SESSIONS = 2;

    private final String ownId;
    private final X25519Keys own;
    private final String remoteId;
    private final byte[] remoteKey;
    private final LongSupplier sequence;

    private Initiation initiating;
    private Session unconfirmed;
    private final Deque<Session> confirmed = new ArrayDeque<>();
    private long lastAcceptedSeq;

    /**
     * @param sequence the sender's sequence numbers: positive and strictly increasing across restarts (the gateway
     *     and the receiver refuse anything else), e.g. clock-based
     */
    public PeerSignalChannel(String ownId, X25519Keys own, String remoteId, byte[] remotePublicKey,
            LongSupplier sequence) {
        this.ownId = peerId(ownId);
        this.own = Objects.requireNonNull(own, "own");
        this.remoteId = peerId(remoteId);
        if (remotePublicKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("an X25519 public key has 32 bytes");
        }
        this.remoteKey = remotePublicKey.clone();
        this.sequence = Objects.requireNonNull(sequence, "sequence");
    }

    /** Whether this channel is with the holder of {@code publicKey} (a peer that logs in again has a new key). */
    public boolean isWith(byte[] publicKey) {
        return Arrays.equals(remoteKey, publicKey);
    }

    /**
     * The signals to send, in order, for {@code payload} of {@code kind} ({@code offer}, {@code answer},
     * {@code close} or {@code candidate}). An offer opens a new handshake (replacing one still waiting for its
     * reply) and goes out with the reply; anything else goes out at once under the newest completed handshake, or
     * not at all (an empty list) when there is none yet. A close also drops an offer still waiting.
     */
    public synchronized List<SealedSignal> send(String kind, byte[] payload) {
        if (!PAYLOAD_KINDS.contains(kind)) {
            throw new IllegalArgumentException("signals of kind " + kind + " are not sent by the caller");
        }
        if (OFFER.equals(kind)) {
            return List.of(beginHandshake(payload));
        }
        if (CLOSE.equals(kind)) {
            abandonInitiation();
        }
        Session session = confirmed.peekFirst();
        return session == null ? List.of() : List.of(seal(session, kind, payload));
    }

    /** Judges a signal from the remote peer: its payload, the signals to answer with, or why it was refused. */
    public synchronized Delivery receive(SealedSignal signal) {
        long seq = signal.seq();
        if (seq <= lastAcceptedSeq) {
            return Delivery.refused("replayed or out of order: seq " + seq + " is not above " + lastAcceptedSeq
                    + ", the last one accepted from this peer");
        }
        byte[] id;
        byte[] body;
        try {
            id = Base64.getDecoder().decode(signal.nonce());
            body = Base64.getDecoder().decode(signal.ciphertext());
        } catch (IllegalArgumentException | NullPointerException e) {
            return Delivery.refused("malformed: nonce and ciphertext must be base64");
        }
        if (id.length != ID_BYTES) {
            return Delivery.refused("malformed: the nonce (handshake id) must be " + ID_BYTES + " bytes");
        }
        String kind = String.valueOf(signal.kind());
        String handshakeId = encode(id);
        return switch (kind) {
            case HANDSHAKE -> onHandshake(seq, handshakeId, body);
            case HANDSHAKE_REPLY -> onReply(seq, handshakeId, body);
            default -> PAYLOAD_KINDS.contains(kind) ? onPayload(kind, seq, handshakeId, body)
                    : Delivery.refused("unknown kind " + kind);
        };
    }

    /** Erases every key this channel holds (the peer left the map); later signals need a new handshake. */
    public synchronized void forget() {
        abandonInitiation();
        if (unconfirmed != null) {
            unconfirmed.keys.erase();
            unconfirmed = null;
        }
        confirmed.forEach(session -> session.keys.erase());
        confirmed.clear();
    }

    private SealedSignal beginHandshake(byte[] offer) {
        abandonInitiation();
        X25519Keys ephemeral = X25519Keys.generate();
        KkHandshake handshake = KkHandshake.initiator(own, remoteKey, prologue(ownId, remoteId), ephemeral);
        String id = encode(Arrays.copyOf(ephemeral.publicKey(), ID_BYTES));
        long seq = sequence.getAsLong();
        byte[] message = handshake.writeFirst(header(ownId, remoteId, HANDSHAKE, seq));
        initiating = new Initiation(id, handshake, offer.clone());
        return new SealedSignal(HANDSHAKE, seq, id, encode(message));
    }

    private Delivery onHandshake(long seq, String id, byte[] body) {
        if (body.length < KEY_BYTES || !encode(Arrays.copyOf(body, ID_BYTES)).equals(id)) {
            return Delivery.refused("malformed: the handshake id must be the start of the ephemeral key");
        }
        KkHandshake handshake = KkHandshake.responder(own, remoteKey, prologue(remoteId, ownId), X25519Keys.generate());
        byte[] payload;
        try {
            payload = handshake.readFirst(body);
        } catch (IllegalArgumentException e) {
            handshake.erase();
            return Delivery.refused("handshake does not authenticate: not sealed with this peer's key for this device");
        }
        if (!Arrays.equals(payload, header(remoteId, ownId, HANDSHAKE, seq))) {
            handshake.erase();
            return Delivery.refused("handshake does not authenticate: its sealed header differs from the envelope");
        }
        lastAcceptedSeq = seq;
        long replySeq = sequence.getAsLong();
        byte[] reply = handshake.writeSecond(header(ownId, remoteId, HANDSHAKE_REPLY, replySeq));
        if (unconfirmed != null) {
            unconfirmed.keys.erase();
        }
        // Not used for sending until the initiator proves it holds the keys too: a replayed handshake must not
        // displace a working one.
        unconfirmed = new Session(id, handshake.split());
        return Delivery.handshake(List.of(new SealedSignal(HANDSHAKE_REPLY, replySeq, id, encode(reply))));
    }

    private Delivery onReply(long seq, String id, byte[] body) {
        if (initiating == null || !initiating.id.equals(id)) {
            return Delivery.refused("answers a handshake this device is not waiting for "
                    + "(a newer one replaced it, or this device restarted)");
        }
        byte[] payload;
        try {
            payload = initiating.handshake.readSecond(body);
        } catch (IllegalArgumentException e) {
            return Delivery.refused(
                    "handshake-reply does not authenticate: not sealed by this peer for this handshake");
        }
        Initiation done = initiating;
        initiating = null;
        if (!Arrays.equals(payload, header(remoteId, ownId, HANDSHAKE_REPLY, seq))) {
            // Only the peer could seal it, so the envelope was altered on the way; the handshake is spent.
            done.handshake.erase();
            Arrays.fill(done.offer, (byte) 0);
            return Delivery.refused(
                    "handshake-reply does not authenticate: its sealed header differs from the envelope");
        }
        lastAcceptedSeq = seq;
        Session session = new Session(id, done.handshake.split());
        remember(session);
        SealedSignal offer = seal(session, OFFER, done.offer);
        Arrays.fill(done.offer, (byte) 0);
        return Delivery.handshake(List.of(offer));
    }

    private Delivery onPayload(String kind, long seq, String id, byte[] body) {
        Session session = unconfirmed != null && unconfirmed.id.equals(id) ? unconfirmed
                : confirmed.stream().filter(candidate -> candidate.id.equals(id)).findFirst().orElse(null);
        if (session == null) {
            return Delivery.refused("sealed under a handshake this device does not hold "
                    + "(a newer one replaced it, or this device restarted)");
        }
        byte[] payload;
        try {
            payload = session.keys.open(seq, header(remoteId, ownId, kind, seq), body);
        } catch (IllegalArgumentException e) {
            return Delivery.refused("does not authenticate: not sealed by this peer for this device and header");
        }
        lastAcceptedSeq = seq;
        if (session == unconfirmed) {
            unconfirmed = null;
            remember(session);
        }
        return Delivery.accepted(kind, payload);
    }

    private SealedSignal seal(Session session, String kind, byte[] payload) {
        long seq = sequence.getAsLong();
        return new SealedSignal(kind, seq, session.id, encode(session.keys.seal(seq, header(ownId, remoteId, kind, seq),
                payload)));
    }

    private void remember(Session session) {
        confirmed.addFirst(session);
        while (confirmed.size() > KEPT_SESSIONS) {
            confirmed.removeLast().keys.erase();
        }
    }

    private void abandonInitiation() {
        if (initiating != null) {
            initiating.handshake.erase();
            Arrays.fill(initiating.offer, (byte) 0);
            initiating = null;
        }
    }

    /** Binds both ids, in the roles they play, into every key of the handshake. */
    private static byte[] prologue(String initiatorId, String responderId) {
        return Hkdf.utf8(PROLOGUE + "|" + initiatorId + "|" + responderId);
    }

    /** What each message authenticates besides its body: sender, recipient, kind and sequence number. */
    private static byte[] header(String from, String to, String kind, long seq) {
        return Hkdf.utf8(from + "|" + to + "|" + kind + "|" + seq);
    }

    private static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String peerId(String id) {
        if (id == null || id.isEmpty() || id.indexOf('|') >= 0) {
            throw new IllegalArgumentException("a peer id must be non-empty and free of '|'");
        }
        return id;
    }

    /**
     * What became of a received signal: a payload for the ICE engine ({@link #delivers()}), signals to send back
     * ({@link #replies()}: a handshake's reply, or the offer it was waiting for), or a refusal with its reason.
     */
    public record Delivery(String kind, byte[] payload, List<SealedSignal> replies, String refusal) {

        static Delivery accepted(String kind, byte[] payload) {
            return new Delivery(kind, payload, List.of(), null);
        }

        static Delivery handshake(List<SealedSignal> replies) {
            return new Delivery(null, null, List.copyOf(replies), null);
        }

        static Delivery refused(String reason) {
            return new Delivery(null, null, List.of(), reason);
        }

        public boolean delivers() {
            return payload != null;
        }

        public boolean wasRefused() {
            return refusal != null;
        }
    }

    private record Initiation(String id, KkHandshake handshake, byte[] offer) {
    }

    private record Session(String id, TransportKeys keys) {
    }
}
