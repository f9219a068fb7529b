package io.netloom.gateway;

import io.netloom.testsupport.fuzz.FuzzCampaign;
import io.netloom.testsupport.fuzz.JsonMutations;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netloom.gateway.protocol.GatewaySignIn;
import io.netloom.gateway.protocol.Wire;
import io.netloom.gateway.protocol.X25519Keys;
import io.netloom.tls.ServerTrust;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzes what a peer can send a real gateway over a real TLS connection: the first frames of a connection, before
 * and instead of a sign-in, and every frame of a signed-in session. Inputs are valid messages made for this very
 * connection (a sign-in with a proof over its challenge, signals to a reachable, an offline and an unreachable peer,
 * resyncs) changed by structure-aware mutations, or garbage, sent as text, binary, fragmented, repeated or in a
 * flood. Whatever arrives, the gateway answers with a documented error or close code (docs/protocol.md §1 and §4)
 * or does what the protocol says; it keeps serving peer {@code b}, whose session stays open all along; and a
 * refused input changes nothing: no presence record without a welcome, nothing relayed but well-formed signals,
 * and the gateway's replay record ends up exactly where the signals {@code b} received put it — checked by a
 * signal numbered just above them, which must get through.
 */
@AddLifecycleHook(value = FuzzCampaign.class, propagateTo = PropagationMode.DIRECT_DESCENDANTS)
class GatewayFrameFuzzTest {

    private static final Set<Short> SIGN_IN_CLOSES = Set.of(CloseCodes.PROTOCOL_VIOLATION, CloseCodes.SIGN_IN_REFUSED,
            CloseCodes.PEER_REVOKED, CloseCodes.MESSAGE_TOO_LARGE);
    private static final Set<Short> SESSION_CLOSES = Set.of(CloseCodes.PROTOCOL_VIOLATION, CloseCodes.RATE_LIMITED,
            CloseCodes.MESSAGE_TOO_LARGE);
    private static final Set<String> ERROR_CODES = Set.of("not_allowed", "replayed", "peer_offline", "malformed",
            "unknown_type", "binary_frame", "spoofed_sender", "invalid_signal", "rate_limited", "too_large");
    private static final Set<String> SIGNAL_KINDS = Set.of("handshake", "handshake-reply", "offer", "answer",
            "candidate", "close");
    private static final List<String> NAMES = List.of("type", "key", "proof", "serial", "daemon_version", "to", "from",
            "kind", "seq", "nonce", "ciphertext", "code", "message");
    /** Frames beyond this are not read: the connection is cut, with whatever close code (docs/protocol.md §4). */
    private static final int UNREAD_FRAME_BYTES = 4 * 64 * 1024;
    private static final X25519Keys STRANGER = X25519Keys.generate();
    private static final X25519Keys OTHER_GATEWAY = X25519Keys.generate();
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private Vertx vertx;
    private GatewayFixture fixture;
    private ServerTrust trust;
    private TestClient b;
    /** A peer that signals b before each probe: once b has its signal, b has everything relayed before. */
    private TestClient d;
    /** The highest seq relayed from a to b, as b received them: what the gateway's replay record must hold. */
    private long relayedToB;
    private long probes;

    /** How a frame, or a few, goes on the wire. */
    enum Delivery { TEXT, BINARY, FRAGMENTED, TWICE, THEN_RESYNC, FLOOD }

    /** A message made for the connection at hand. */
    enum Base { SIGN_IN, SIGN_IN_OF_STRANGER, SIGN_IN_FOR_OTHER_GATEWAY, RESYNC, SIGNAL_TO_B, SIGNAL_TO_OFFLINE,
        SIGNAL_TO_UNREACHABLE, WELCOME }

    @BeforeProperty
    void startGateway() {
        vertx = Vertx.vertx();
        fixture = new GatewayFixture(vertx);
        fixture.peer("a", true);
        fixture.peer("b", true);
        fixture.peer("offline", true);
        fixture.peer("outsider", false);
        fixture.peer("d", true);
        ServerCertificate certificate = SelfSignedCertificate.forLoopback();
        GatewayConfig defaults = TestConfigs.tls(certificate);
        fixture.start(new GatewayConfig(defaults.host(), defaults.port(), defaults.maxFrameBytes(),
                // One session carries every input of a property: the rate limits (tested on their own) would
                // otherwise answer the probes, sooner the faster the machine.
                1_000_000, 1_000_000, 1_000_000, 1_000_000,
                // A frame too large to read leaves the connection silent until the sign-in deadline: keep it short.
                defaults.heartbeatInterval(), defaults.idleTimeout(), Duration.ofSeconds(2), defaults.mapQueueBytes(),
                defaults.writeQueueBytes(), certificate));
        trust = ServerTrust.pinned(certificate.fingerprint());
        b = fixture.tlsClient("b", trust).connect(-1);
        b.nextOfType("map");
        d = fixture.tlsClient("d", trust).connect(-1);
        d.nextOfType("map");
    }

    @AfterProperty
    void stopGateway() {
        try {
            TestClient a = signedInA();
            probe(a);
            TestClient offline = fixture.tlsClient("offline", trust).connect(-1);
            offline.nextOfType("map");
            a.send(signal("offline", 1).toString());
            assertThat(offline.nextOfType("signal").get("seq").asLong())
                    .as("no refused signal to the offline peer used up a seq").isEqualTo(1);
            b.send(Wire.resync());
            assertThat(b.nextOfType("map")).isNotNull();
            assertThat(b.closeCode).as("b's session all along").isNotDone();
            assertThat(d.closeCode).as("d's session all along").isNotDone();
        } finally {
            fixture.close();
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    @Property
    void signInWhenFirstFramesAreAnythingThenReasonedCloseOrWelcomeAndNoTraceOfRefusals(
            @ForAll("signInBases") Base base, @ForAll("mutators") Function<JsonNode, String> mutate,
            @ForAll Delivery delivery) {
        int presence = fixture.presence.size();
        TestClient client = fixture.tlsClient(base == Base.SIGN_IN_OF_STRANGER ? STRANGER : fixture.keysOf("a"),
                fixture.port(), trust).open();
        GatewaySignIn challenge = client.challenge();
        List<Frame> frames = frames(mutate.apply(message(base, client, challenge)), delivery);

        send(client, frames);
        Short code = awaitWelcomeOrClose(client);

        if (code == null) {
            Statistics.collect("welcome");
            assertThat(client.nextOfType("map")).isNotNull();
            List<String> records = List.copyOf(fixture.presence);
            assertThat(records.subList(presence, records.size())).first().asString()
                    .startsWith("connected a ");
            closeQuietly(client);
            awaitPresence("disconnected a");
        } else {
            Statistics.collect(code);
            boolean cut = largestBytes(frames) > UNREAD_FRAME_BYTES;
            assertThat(cut || SIGN_IN_CLOSES.contains(code)).as("close code %s after %s", code, frames).isTrue();
            assertThat(cut || !client.socket.closeReason().isBlank()).as("the reason of close code %s", code).isTrue();
            assertThat(fixture.presence).as("presence after a refused sign-in").hasSize(presence);
        }
        assertThat(b.closeCode).as("b's session").isNotDone();
    }

    @Property
    void sessionWhenFramesAreAnythingThenDocumentedAnswersAndRefusalsChangeNothing(
            @ForAll("sessionBases") Base base, @ForAll("mutators") Function<JsonNode, String> mutate,
            @ForAll Delivery delivery) {
        TestClient a = signedInA();
        probe(a);
        int presence = fixture.presence.size();
        List<Frame> frames = frames(mutate.apply(message(base, a, null)), delivery);

        send(a, frames);
        closeQuietly(a);
        Short code = a.awaitClose();

        List<String> errors = new ArrayList<>();
        a.received.forEach(message -> {
            if (message.path("type").asText().equals("error")) {
                errors.add(message.path("code").asText());
            } else {
                assertThat(message.path("type").asText()).as("what a was sent").isIn("map", "delta");
            }
        });
        Statistics.collect(errors.isEmpty() ? "no error" : String.join(",", new TreeSet<>(errors)));
        assertThat(errors).as("errors after %s", frames).allMatch(ERROR_CODES::contains);
        assertThat(largestBytes(frames) > UNREAD_FRAME_BYTES
                || code != null && (code == 1000 || SESSION_CLOSES.contains(code))).as("close code %s after %s", code, frames).isTrue();
        List<String> records = List.copyOf(fixture.presence);
        assertThat(records.subList(presence, records.size())).as("presence records")
                .allMatch(record -> record.equals("disconnected a"));
        assertThat(b.closeCode).as("b's session").isNotDone();
    }

    @Provide
    Arbitrary<Base> signInBases() {
        return Arbitraries.frequency(Tuple.of(6, Base.SIGN_IN), Tuple.of(1, Base.SIGN_IN_OF_STRANGER),
                Tuple.of(1, Base.SIGN_IN_FOR_OTHER_GATEWAY), Tuple.of(1, Base.RESYNC), Tuple.of(1, Base.SIGNAL_TO_B),
                Tuple.of(1, Base.WELCOME));
    }

    @Provide
    Arbitrary<Base> sessionBases() {
        return Arbitraries.frequency(Tuple.of(6, Base.SIGNAL_TO_B), Tuple.of(2, Base.SIGNAL_TO_OFFLINE),
                Tuple.of(1, Base.SIGNAL_TO_UNREACHABLE), Tuple.of(2, Base.RESYNC), Tuple.of(1, Base.SIGN_IN),
                Tuple.of(1, Base.WELCOME));
    }

    @Provide
    Arbitrary<Function<JsonNode, String>> mutators() {
        return JsonMutations.mutator(NAMES);
    }

    private JsonNode message(Base base, TestClient client, GatewaySignIn challenge) {
        String text = switch (base) {
            case SIGN_IN, SIGN_IN_OF_STRANGER -> challenge == null
                    ? Wire.signIn(client.keys.publicKeyBase64(), new byte[32], 3, "fuzz-1.0")
                    : client.signInFor(challenge);
            case SIGN_IN_FOR_OTHER_GATEWAY -> client.signInFor(challenge, client.keys, OTHER_GATEWAY.publicKey());
            case RESYNC -> Wire.resync();
            case SIGNAL_TO_B -> signal("b", relayedToB + 1).toString();
            case SIGNAL_TO_OFFLINE -> signal("offline", 2 + probes).toString();
            case SIGNAL_TO_UNREACHABLE -> signal("outsider", 2 + probes).toString();
            case WELCOME -> Wire.welcome(new byte[32]);
        };
        try {
            return Wire.read(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static ObjectNode signal(String to, long seq) {
        return Wire.JSON.createObjectNode().put("type", "signal").put("to", to).put("kind", "offer").put("seq", seq)
                .put("nonce", Base64.getEncoder().encodeToString(new byte[12]))
                .put("ciphertext", Base64.getEncoder().encodeToString("sealed".getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * First takes in everything the gateway relayed to b from a's earlier sessions (each a well-formed signal from
     * a, numbered above the one before), up to a signal from d sent now; then sends a signal to b numbered just
     * above them, which must get through: a "replayed" answer means a refused input moved the replay record.
     */
    private void probe(TestClient a) {
        String barrier = nonce("barrier-" + ++probes);
        d.send(signal("b", probes).put("nonce", barrier).toString());
        takeRelayedUntil(d, "d", barrier, probes);
        if (relayedToB == Long.MAX_VALUE) {
            return;
        }
        long seq = relayedToB + 1;
        String probe = nonce("probe-" + probes);
        a.send(signal("b", seq).put("nonce", probe).toString());
        takeRelayedUntil(a, "a", probe, seq);
        assertThat(a.received).as("answers to the probe").noneMatch(message -> message.path("type").asText()
                .equals("error"));
    }

    private void takeRelayedUntil(TestClient sender, String senderId, String nonce, long seq) {
        while (true) {
            JsonNode received = nextSignalOfB(sender, seq);
            String from = received.get("from").asText();
            if (from.equals(senderId) && received.get("nonce").asText().equals(nonce)) {
                relayedToB = senderId.equals("a") ? seq : relayedToB;
                return;
            }
            assertThat(from).as("the sender of %s", received).isEqualTo("a");
            assertThat(received.get("kind").asText()).isIn(SIGNAL_KINDS);
            assertThat(received.get("seq").asLong()).as("relayed seq").isGreaterThan(relayedToB);
            assertThat(received.get("nonce").asText()).isNotEmpty();
            assertThat(received.get("ciphertext").asText()).isNotEmpty();
            relayedToB = received.get("seq").asLong();
        }
    }

    private static String nonce(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private void awaitPresence(String last) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!fixture.presence.get(fixture.presence.size() - 1).equals(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("presence did not record " + last + ": " + fixture.presence);
            }
            pause();
        }
    }

    /** The next signal b receives; an error answered to its sender instead fails at once, naming itself. */
    private JsonNode nextSignalOfB(TestClient sender, long seq) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode received = b.received.poll();
            if (received != null && received.path("type").asText().equals("signal")) {
                return received;
            }
            sender.received.stream().filter(message -> message.path("type").asText().equals("error")).findFirst()
                    .ifPresent(error -> {
                        throw new AssertionError("the probe at seq " + seq + " was answered " + error);
                    });
            if (received == null) {
                pause();
            }
        }
        throw new AssertionError("b received no signal within " + PATIENCE);
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private TestClient signedInA() {
        TestClient a = fixture.tlsClient("a", trust).connect(-1);
        a.nextOfType("map");
        return a;
    }

    /** After a sign-in attempt: null once welcomed, else the close code (-1 when cut off without one). */
    private static Short awaitWelcomeOrClose(TestClient client) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (client.received.stream().anyMatch(message -> message.path("type").asText().equals("welcome"))) {
                return null;
            }
            if (client.closeCode.isDone()) {
                Short code = client.closeCode.join();
                return code == null ? -1 : code;
            }
            pause();
        }
        throw new AssertionError("neither a welcome nor a close within " + PATIENCE);
    }

    private static List<Frame> frames(String text, Delivery delivery) {
        return switch (delivery) {
            case TEXT -> List.of(Frame.text(text));
            case BINARY -> List.of(new Frame(text, true, 0));
            case FRAGMENTED -> List.of(new Frame(text, false, Math.max(1, text.length() / 2)));
            case TWICE -> List.of(Frame.text(text), Frame.text(text));
            case THEN_RESYNC -> List.of(Frame.text(text), Frame.text(Wire.resync()));
            case FLOOD -> Collections.nCopies(150, Frame.text(text));
        };
    }

    private static void send(TestClient client, List<Frame> frames) {
        for (Frame frame : frames) {
            if (client.closeCode.isDone()) {
                return;
            }
            try {
                frame.sendOn(client);
            } catch (AssertionError writeFailed) {
                // A write the gateway cut off (a broken pipe) can fail before the close reaches the handler.
                if (!closesSoon(client)) {
                    throw writeFailed;
                }
                return;
            }
        }
    }

    private static boolean closesSoon(TestClient client) {
        try {
            client.awaitClose();
            return true;
        } catch (AssertionError stillOpen) {
            return client.socket.isClosed();
        }
    }

    /** Closes this end, unless the gateway has just done so itself. */
    private static void closeQuietly(TestClient client) {
        try {
            client.close();
        } catch (AssertionError closedMeanwhile) {
            if (!client.closeCode.isDone()) {
                throw closedMeanwhile;
            }
        }
    }

    private static int largestBytes(List<Frame> frames) {
        return frames.stream().mapToInt(frame -> frame.text.getBytes(StandardCharsets.UTF_8).length).max().orElse(0);
    }

    /** One message: text, binary (its UTF-8), or text in two fragments split at {@code split}. */
    private record Frame(String text, boolean binary, int split) {

        static Frame text(String text) {
            return new Frame(text, false, 0);
        }

        void sendOn(TestClient client) {
            if (binary) {
                TestClient.await(client.socket.writeBinaryMessage(Buffer.buffer(text.getBytes(StandardCharsets.UTF_8))));
            } else if (split > 0 && split < text.length()) {
                TestClient.await(client.socket.writeFrame(WebSocketFrame.textFrame(text.substring(0, split), false)));
                TestClient.await(client.socket.writeFrame(WebSocketFrame.continuationFrame(
                        Buffer.buffer(text.substring(split)), true)));
            } else {
                client.send(text);
            }
        }

        @Override
        public String toString() {
            String shown = text.length() > 160 ? text.substring(0, 160) + "…(" + text.length() + " chars)" : text;
            return (binary ? "binary " : split > 0 ? "fragmented " : "") + shown;
        }
    }
}
