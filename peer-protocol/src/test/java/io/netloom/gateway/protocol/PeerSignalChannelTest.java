package io.netloom.gateway.protocol;

import static io.netloom.gateway.protocol.PeerSignalChannel.ANSWER;
import static io.netloom.gateway.protocol.PeerSignalChannel.CLOSE;
import static io.netloom.gateway.protocol.PeerSignalChannel.HANDSHAKE;
import static io.netloom.gateway.protocol.PeerSignalChannel.HANDSHAKE_REPLY;
import static io.netloom.gateway.protocol.PeerSignalChannel.OFFER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.gateway.protocol.PeerSignalChannel.Delivery;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The forward-secret channel between two peers, driven as the gateway would relay its messages: in order, replayed,
 * reordered, tampered, reflected, or forged by a third key. A's sequence numbers run far above B's, so that a
 * reflected message of A's is judged by its authentication, not by its number.
 */
class PeerSignalChannelTest {

    private static final byte[] OFFER_PAYLOAD = utf8("{\"v\":2,\"session\":\"offer-1\",\"candidates\":[\"198.51.100.7\"]}");
    private static final byte[] ANSWER_PAYLOAD = utf8("{\"v\":2,\"session\":\"offer-1\",\"candidates\":[\"203.0.113.9\"]}");

    private final X25519Keys aKeys = X25519Keys.generate();
    private final X25519Keys bKeys = X25519Keys.generate();
    private final AtomicLong aSequence = new AtomicLong(5_000_000);
    private final AtomicLong bSequence = new AtomicLong(1_000);
    private PeerSignalChannel a = channelOfA();
    private PeerSignalChannel b = channelOfB();

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void offerWhenHandshakeCompletesThenDeliveredAndAnsweredUnderItsKeys(boolean aOffers) {
        PeerSignalChannel offerer = aOffers ? a : b;
        PeerSignalChannel answerer = aOffers ? b : a;

        List<SealedSignal> handshake = offerer.send(OFFER, OFFER_PAYLOAD);
        assertThat(handshake).extracting(SealedSignal::kind).containsExactly(HANDSHAKE);
        assertThat(new String(Base64.getDecoder().decode(handshake.get(0).ciphertext()), StandardCharsets.ISO_8859_1))
                .doesNotContain("198.51.100.7");
        Delivery reply = answerer.receive(handshake.get(0));
        assertThat(reply.delivers()).isFalse();
        assertThat(reply.replies()).extracting(SealedSignal::kind).containsExactly(HANDSHAKE_REPLY);
        Delivery offer = offerer.receive(reply.replies().get(0));
        assertThat(offer.replies()).extracting(SealedSignal::kind).containsExactly(OFFER);

        Delivery offered = answerer.receive(offer.replies().get(0));
        assertThat(offered.kind()).isEqualTo(OFFER);
        assertThat(offered.payload()).isEqualTo(OFFER_PAYLOAD);
        Delivery answered = offerer.receive(single(answerer.send(ANSWER, ANSWER_PAYLOAD)));
        assertThat(answered.kind()).isEqualTo(ANSWER);
        assertThat(answered.payload()).isEqualTo(ANSWER_PAYLOAD);
    }

    @Test
    void offerWhenBothSidesStartHandshakesAtOnceThenBothOffersArriveAndEitherKeyWorks() {
        SealedSignal fromA = single(a.send(OFFER, utf8("offer of A")));
        SealedSignal fromB = single(b.send(OFFER, utf8("offer of B")));

        SealedSignal replyOfB = single(b.receive(fromA).replies());
        SealedSignal replyOfA = single(a.receive(fromB).replies());
        SealedSignal offerOfA = single(a.receive(replyOfB).replies());
        SealedSignal offerOfB = single(b.receive(replyOfA).replies());

        assertThat(b.receive(offerOfA).payload()).isEqualTo(utf8("offer of A"));
        assertThat(a.receive(offerOfB).payload()).isEqualTo(utf8("offer of B"));
        assertThat(b.receive(single(a.send(ANSWER, utf8("answer of A")))).payload()).isEqualTo(utf8("answer of A"));
        assertThat(a.receive(single(b.send(ANSWER, utf8("answer of B")))).payload()).isEqualTo(utf8("answer of B"));
    }

    @Test
    void sendWhenNoHandshakeCompletedThenNothingLeavesButAnOffer() {
        assertThat(b.send(ANSWER, ANSWER_PAYLOAD)).isEmpty();
        assertThat(b.send(CLOSE, utf8("{}"))).isEmpty();
        assertThatThrownBy(() -> b.send(HANDSHAKE, new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void receiveWhenEachMessageIsReplayedThenEveryReplayIsRefusedAndNothingIsDeliveredTwice() {
        SealedSignal handshake = single(a.send(OFFER, OFFER_PAYLOAD));
        SealedSignal reply = single(b.receive(handshake).replies());
        SealedSignal offer = single(a.receive(reply).replies());
        assertThat(b.receive(offer).delivers()).isTrue();
        SealedSignal answer = single(b.send(ANSWER, ANSWER_PAYLOAD));
        assertThat(a.receive(answer).delivers()).isTrue();

        for (Delivery replayed : List.of(b.receive(handshake), a.receive(reply), b.receive(offer), a.receive(answer))) {
            assertThat(replayed.wasRefused()).isTrue();
            assertThat(replayed.refusal()).startsWith("replayed or out of order");
            assertThat(replayed.delivers()).isFalse();
            assertThat(replayed.replies()).isEmpty();
        }
        assertThat(a.receive(single(b.send(CLOSE, utf8("{}")))).kind()).as("the channel still works").isEqualTo(CLOSE);
    }

    @Test
    void receiveWhenReplayedToAReceiverThatRestartedThenNoHandshakeCompletesAndNothingIsDelivered() {
        SealedSignal handshake = single(a.send(OFFER, OFFER_PAYLOAD));
        SealedSignal offer = single(a.receive(single(b.receive(handshake).replies())).replies());
        assertThat(b.receive(offer).delivers()).isTrue();

        PeerSignalChannel restarted = channelOfB();
        Delivery replayedHandshake = restarted.receive(handshake);
        Delivery replayedOffer = restarted.receive(offer);

        // A fresh receiver cannot tell an old handshake from a new one and answers it, but with a new ephemeral key:
        // the keys of the recorded offer are gone, and the real initiator ignores the stray reply.
        assertThat(replayedHandshake.replies()).extracting(SealedSignal::kind).containsExactly(HANDSHAKE_REPLY);
        assertThat(replayedOffer.refusal()).contains("does not authenticate");
        assertThat(replayedOffer.delivers()).isFalse();
        assertThat(a.receive(replayedHandshake.replies().get(0)).refusal()).contains("not waiting for");
    }

    @Test
    void receiveWhenMessagesArriveOutOfOrderThenTheOlderIsRefusedAndTheChannelGoesOn() {
        SealedSignal offer = single(a.receive(single(b.receive(single(a.send(OFFER, OFFER_PAYLOAD))).replies()))
                .replies());
        b.receive(offer);
        SealedSignal first = single(b.send(ANSWER, utf8("first")));
        SealedSignal second = single(b.send(ANSWER, utf8("second")));

        assertThat(a.receive(second).payload()).isEqualTo(utf8("second"));
        assertThat(a.receive(first).refusal()).startsWith("replayed or out of order");
        assertThat(a.receive(single(b.send(CLOSE, utf8("third")))).payload()).isEqualTo(utf8("third"));
    }

    @Test
    void receiveWhenReplyAnswersASupersededHandshakeThenRefusedAndTheNewerOfferGoesOut() {
        SealedSignal firstHandshake = single(a.send(OFFER, utf8("offer 1")));
        SealedSignal secondHandshake = single(a.send(OFFER, utf8("offer 2")));
        SealedSignal firstReply = single(b.receive(firstHandshake).replies());
        SealedSignal secondReply = single(b.receive(secondHandshake).replies());

        assertThat(a.receive(firstReply).refusal()).contains("not waiting for");
        SealedSignal offer = single(a.receive(secondReply).replies());
        assertThat(b.receive(offer).payload()).isEqualTo(utf8("offer 2"));
    }

    @Test
    void receiveWhenHandshakeEphemeralTamperedThenRefusedAndTheGenuineOneStillAccepted() {
        SealedSignal handshake = single(a.send(OFFER, OFFER_PAYLOAD));

        Delivery tampered = b.receive(withCiphertext(handshake, flipped(handshake.ciphertext(), 20)));

        assertThat(tampered.refusal()).contains("does not authenticate");
        assertThat(tampered.replies()).isEmpty();
        assertThat(b.receive(handshake).replies()).hasSize(1);
    }

    @Test
    void receiveWhenReplyEphemeralTamperedThenRefusedAndTheGenuineReplyStillCompletes() {
        SealedSignal reply = single(b.receive(single(a.send(OFFER, OFFER_PAYLOAD))).replies());

        Delivery tampered = a.receive(withCiphertext(reply, flipped(reply.ciphertext(), 31)));

        assertThat(tampered.refusal()).contains("does not authenticate");
        assertThat(tampered.replies()).isEmpty();
        SealedSignal offer = single(a.receive(reply).replies());
        assertThat(b.receive(offer).payload()).isEqualTo(OFFER_PAYLOAD);
    }

    @Test
    void receiveWhenEnvelopeSequenceOrKindAlteredThenRefused() {
        SealedSignal offer = single(a.receive(single(b.receive(single(a.send(OFFER, OFFER_PAYLOAD))).replies()))
                .replies());

        assertThat(b.receive(new SealedSignal(OFFER, offer.seq() + 1, offer.nonce(), offer.ciphertext())).refusal())
                .contains("does not authenticate");
        assertThat(b.receive(new SealedSignal(ANSWER, offer.seq(), offer.nonce(), offer.ciphertext())).refusal())
                .contains("does not authenticate");
        assertThat(b.receive(offer).payload()).isEqualTo(OFFER_PAYLOAD);
    }

    @Test
    void receiveWhenOwnMessagesAreReflectedBackThenRefused() {
        SealedSignal handshake = single(a.send(OFFER, OFFER_PAYLOAD));
        assertThat(a.receive(handshake).refusal()).contains("does not authenticate");

        SealedSignal offer = single(a.receive(single(b.receive(handshake).replies())).replies());
        b.receive(offer);
        SealedSignal close = single(a.send(CLOSE, utf8("{}")));
        Delivery reflected = a.receive(close);

        assertThat(reflected.refusal()).contains("does not authenticate");
        assertThat(reflected.delivers()).isFalse();
    }

    @Test
    void receiveWhenSealedWithAnotherKeyThanTheSendersThenRefused() {
        PeerSignalChannel impostor = new PeerSignalChannel("peer-a", X25519Keys.generate(), "peer-b", bKeys.publicKey(),
                aSequence::incrementAndGet);

        Delivery forged = b.receive(single(impostor.send(OFFER, OFFER_PAYLOAD)));

        assertThat(forged.refusal()).contains("does not authenticate");
        assertThat(forged.replies()).isEmpty();
    }

    @Test
    void receiveWhenRecordedAndBothStaticKeysAreLaterStolenThenTheOfferCannotBeOpened() {
        SealedSignal handshake = single(a.send(OFFER, OFFER_PAYLOAD));
        SealedSignal reply = single(b.receive(handshake).replies());
        SealedSignal offer = single(a.receive(reply).replies());
        b.forget();

        // Whoever holds both WireGuard keys can replay the recorded handshake to a channel of their own, but the
        // responder's ephemeral key of the recording is gone: new ones derive other keys.
        PeerSignalChannel thief = new PeerSignalChannel("peer-b", X25519Keys.fromPrivate(bKeys.privateKey()), "peer-a",
                aKeys.publicKey(), bSequence::incrementAndGet);
        thief.receive(handshake);

        assertThat(thief.receive(offer).refusal()).contains("does not authenticate");
    }

    @Test
    void closeWhenOfferStillWaitsForItsHandshakeThenTheOfferIsDropped() {
        SealedSignal handshake = single(a.send(OFFER, OFFER_PAYLOAD));

        assertThat(a.send(CLOSE, utf8("{}"))).isEmpty();

        Delivery late = a.receive(single(b.receive(handshake).replies()));
        assertThat(late.refusal()).contains("not waiting for");
        assertThat(late.replies()).isEmpty();
    }

    @Test
    void forgetWhenPeerLeftThenKeysGoneAndOldMessagesRefused() {
        SealedSignal offer = single(a.receive(single(b.receive(single(a.send(OFFER, OFFER_PAYLOAD))).replies()))
                .replies());

        b.forget();

        assertThat(b.receive(offer).refusal()).contains("does not hold");
        assertThat(b.send(ANSWER, ANSWER_PAYLOAD)).isEmpty();
    }

    @Test
    void receiveWhenRestartedResponderMissesTheOfferThenTheNextOfferRecoversWithANewHandshake() {
        SealedSignal lostOffer = single(a.receive(single(b.receive(single(a.send(OFFER, utf8("offer 1")))).replies()))
                .replies());
        b = channelOfB();

        assertThat(b.receive(lostOffer).refusal()).contains("does not hold");
        SealedSignal offer = single(a.receive(single(b.receive(single(a.send(OFFER, utf8("offer 1")))).replies()))
                .replies());
        assertThat(b.receive(offer).payload()).isEqualTo(utf8("offer 1"));
        assertThat(a.receive(single(b.send(ANSWER, ANSWER_PAYLOAD))).payload()).isEqualTo(ANSWER_PAYLOAD);
    }

    @Test
    void receiveWhenBothSidesRestartedMidNegotiationThenStaleMessagesAreRefusedAndANewNegotiationWorks() {
        SealedSignal handshake = single(a.send(OFFER, utf8("before")));
        SealedSignal reply = single(b.receive(handshake).replies());
        a = channelOfA();
        b = channelOfB();

        assertThat(a.receive(reply).refusal()).contains("not waiting for");
        SealedSignal offer = single(a.receive(single(b.receive(single(a.send(OFFER, utf8("after")))).replies()))
                .replies());
        assertThat(b.receive(offer).payload()).isEqualTo(utf8("after"));
    }

    @Test
    void receiveWhenNonceOrCiphertextMalformedThenRefusedWithoutChangingTheSequence() {
        SealedSignal handshake = single(a.send(OFFER, OFFER_PAYLOAD));

        assertThat(b.receive(new SealedSignal(HANDSHAKE, handshake.seq(), "not base64!", handshake.ciphertext()))
                .refusal()).startsWith("malformed");
        assertThat(b.receive(new SealedSignal(HANDSHAKE, handshake.seq(), "AAAA", handshake.ciphertext())).refusal())
                .startsWith("malformed");
        assertThat(b.receive(new SealedSignal("nonsense", handshake.seq(), handshake.nonce(), handshake.ciphertext()))
                .refusal()).startsWith("unknown kind");
        assertThat(b.receive(handshake).replies()).hasSize(1);
    }

    private PeerSignalChannel channelOfA() {
        return new PeerSignalChannel("peer-a", aKeys, "peer-b", bKeys.publicKey(), aSequence::incrementAndGet);
    }

    private PeerSignalChannel channelOfB() {
        return new PeerSignalChannel("peer-b", bKeys, "peer-a", aKeys.publicKey(), bSequence::incrementAndGet);
    }

    private static SealedSignal single(List<SealedSignal> signals) {
        assertThat(signals).hasSize(1);
        return signals.get(0);
    }

    private static SealedSignal withCiphertext(SealedSignal signal, String ciphertext) {
        return new SealedSignal(signal.kind(), signal.seq(), signal.nonce(), ciphertext);
    }

    private static String flipped(String base64, int index) {
        byte[] bytes = Base64.getDecoder().decode(base64);
        bytes[index] ^= 0x04;
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
