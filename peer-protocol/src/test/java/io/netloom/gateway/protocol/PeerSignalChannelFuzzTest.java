package io.netloom.gateway.protocol;

import io.netloom.testsupport.fuzz.FuzzCampaign;
import static io.netloom.gateway.protocol.PeerSignalChannel.CANDIDATE;
import static io.netloom.gateway.protocol.PeerSignalChannel.OFFER;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.gateway.protocol.PeerSignalChannel.Delivery;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzes what a peer's signal channel receives through the gateway: genuine signals of every kind (a payload under
 * the working handshake, a new handshake, the reply to a handshake this side started) with their kind, sequence
 * number, handshake id or sealed body changed, and signals made up from nothing. Whatever arrives, the answer is a
 * delivery or a refusal with a reason, never an exception; and a refused signal changes nothing: the handshake
 * waiting for its reply still completes, and the next genuine signal, numbered below anything the fuzzer sent, is
 * still accepted.
 */
@AddLifecycleHook(value = FuzzCampaign.class, propagateTo = PropagationMode.DIRECT_DESCENDANTS)
class PeerSignalChannelFuzzTest {

    private static final X25519Keys A_KEYS = X25519Keys.generate();
    private static final X25519Keys B_KEYS = X25519Keys.generate();
    private static final byte[] PAYLOAD = "{\"v\":2,\"session\":\"fuzz-0001\"}".getBytes(StandardCharsets.UTF_8);

    /** Which genuine signal of A's the fuzzer starts from. */
    enum Base { PAYLOAD, NEW_HANDSHAKE, REPLY }

    @Property
    void receiveWhenSignalIsAnythingThenDeliveryOrRefusalAndRefusalsChangeNothing(@ForAll Base base,
            @ForAll("changes") List<UnaryOperator<SealedSignal>> changes) {
        AtomicLong aSequence = new AtomicLong(1_000);
        AtomicLong bSequence = new AtomicLong(1_000_000);
        PeerSignalChannel a = new PeerSignalChannel("peer-a", A_KEYS, "peer-b", B_KEYS.publicKey(),
                aSequence::incrementAndGet);
        PeerSignalChannel b = new PeerSignalChannel("peer-b", B_KEYS, "peer-a", A_KEYS.publicKey(),
                bSequence::incrementAndGet);
        SealedSignal offer = single(a.receive(single(b.receive(single(a.send(OFFER, PAYLOAD))).replies())).replies());
        assertThat(b.receive(offer).payload()).isEqualTo(PAYLOAD);
        SealedSignal bHandshake = single(b.send(OFFER, PAYLOAD));
        SealedSignal genuine = switch (base) {
            case PAYLOAD -> single(a.send(CANDIDATE, PAYLOAD));
            case NEW_HANDSHAKE -> single(a.send(OFFER, PAYLOAD));
            case REPLY -> single(a.receive(bHandshake).replies());
        };
        SealedSignal fuzzed = genuine;
        for (UnaryOperator<SealedSignal> change : changes) {
            fuzzed = change.apply(fuzzed);
        }
        // Numbered below whatever the fuzzer sent: accepted only if no refusal raised the last accepted seq.
        aSequence.set(genuine.seq() + 1);
        SealedSignal next = single(a.send(CANDIDATE, PAYLOAD));

        Delivery delivery = b.receive(fuzzed);

        Statistics.collect(delivery.wasRefused() ? "refused" : delivery.delivers() ? "delivered" : "answered");
        assertThat(delivery).isNotNull();
        if (delivery.wasRefused()) {
            assertThat(delivery.refusal()).isNotBlank();
            assertThat(delivery.delivers()).isFalse();
            assertThat(delivery.replies()).isEmpty();
            if (base == Base.REPLY && !delivery.refusal().contains("sealed header differs")) {
                assertThat(b.receive(genuine).replies()).as("the handshake waiting for this reply").hasSize(1);
            }
            assertThat(b.receive(next).payload()).as("the next genuine signal after " + delivery.refusal())
                    .isEqualTo(PAYLOAD);
        }
    }

    @Provide
    Arbitrary<List<UnaryOperator<SealedSignal>>> changes() {
        return change().list().ofMinSize(1).ofMaxSize(3);
    }

    private static Arbitrary<UnaryOperator<SealedSignal>> change() {
        Arbitrary<String> kinds = Arbitraries.oneOf(Arbitraries.of("handshake", "handshake-reply", "offer", "answer",
                "candidate", "close", "", "OFFER", "unknown", "offer ", "\u0000"), Arbitraries.strings().ofMaxLength(12),
                Arbitraries.just(null));
        Arbitrary<Long> seqs = Arbitraries.oneOf(Arbitraries.of(0L, -1L, 1L, 999L, 1_000L, 1_001L, 1_002L, 1_003L,
                Long.MAX_VALUE, Long.MIN_VALUE), Arbitraries.longs());
        Arbitrary<String> texts = Arbitraries.oneOf(Arbitraries.of("", "=", "====", "!!!!", "AAAAAAAAAAAAAAAA",
                "AAAAAAAAAAAAAAA=", "A", "\u00e9\u00e9\u00e9\u00e9"), Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(200).map(bytes -> Base64.getEncoder()
                        .encodeToString(bytes)), Arbitraries.just(null));
        Arbitrary<Integer> positions = Arbitraries.integers().between(0, 1_000);
        return Arbitraries.frequencyOf(
                Tuple.of(2, kinds.map(kind -> signal -> new SealedSignal(kind, signal.seq(), signal.nonce(),
                        signal.ciphertext()))),
                Tuple.of(3, seqs.map(seq -> signal -> new SealedSignal(signal.kind(), seq, signal.nonce(),
                        signal.ciphertext()))),
                Tuple.of(2, texts.map(nonce -> signal -> new SealedSignal(signal.kind(), signal.seq(), nonce,
                        signal.ciphertext()))),
                Tuple.of(2, texts.map(body -> signal -> new SealedSignal(signal.kind(), signal.seq(), signal.nonce(),
                        body))),
                Tuple.of(3, Combinators.combine(positions, Arbitraries.integers().between(0, 7), Arbitraries.of(true,
                        false)).as((at, bit, inNonce) -> signal -> flipped(signal, at, bit, inNonce))),
                Tuple.of(2, Combinators.combine(positions, Arbitraries.of(true, false)).as((at, inNonce) -> signal ->
                        truncated(signal, at, inNonce))));
    }

    /** One bit of the decoded handshake id or body flipped, as a gateway tampering with it would. */
    private static SealedSignal flipped(SealedSignal signal, int at, int bit, boolean inNonce) {
        return edited(signal, inNonce, bytes -> {
            if (bytes.length > 0) {
                bytes[at % bytes.length] ^= (byte) (1 << bit);
            }
            return bytes;
        });
    }

    private static SealedSignal truncated(SealedSignal signal, int at, boolean inNonce) {
        return edited(signal, inNonce, bytes -> Arrays.copyOf(bytes, at % (bytes.length + 1)));
    }

    private static SealedSignal edited(SealedSignal signal, boolean inNonce, UnaryOperator<byte[]> edit) {
        String text = inNonce ? signal.nonce() : signal.ciphertext();
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            return signal;
        }
        String changed = Base64.getEncoder().encodeToString(edit.apply(decoded));
        return inNonce ? new SealedSignal(signal.kind(), signal.seq(), changed, signal.ciphertext())
                : new SealedSignal(signal.kind(), signal.seq(), signal.nonce(), changed);
    }

    private static SealedSignal single(List<SealedSignal> signals) {
        assertThat(signals).hasSize(1);
        return signals.get(0);
    }
}
