package io.netloom.gateway.protocol;

import static io.netloom.gateway.protocol.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The Noise KK handshake against the {@code Noise_KK_25519_ChaChaPoly_SHA256} vector of the cacophony test suite
 * (the reference vectors snow and other Noise libraries check against), then its behaviour on bad input.
 */
class KkHandshakeTest {

    private static final byte[] PROLOGUE = bytes("4a6f686e2047616c74");
    private static final byte[] INIT_STATIC = bytes("e61ef9919cde45dd5f82166404bd08e38bceb5dfdfded0a34c8df7ed542214d1");
    private static final byte[] INIT_EPHEMERAL = bytes("893e28b9dc6ca8d611ab664754b8ceb7bac5117349a4439a6b0569da977c464a");
    private static final byte[] INIT_REMOTE_STATIC = bytes("31e0303fd6418d2f8c0e78b91f22e8caed0fbe48656dcf4767e4834f701b8f62");
    private static final byte[] RESP_STATIC = bytes("4a3acbfdb163dec651dfa3194dece676d437029c62a408b4c5ea9114246e4893");
    private static final byte[] RESP_EPHEMERAL = bytes("bbdb4cdbd309f1a1f2e1456967fe288cadd6f712d65dc7b7793d5e63da6b375b");
    private static final byte[] RESP_REMOTE_STATIC = bytes("6bc3822a2aa7f4e6981d6538692b3cdf3e6df9eea6ed269eb41d93c22757b75a");
    private static final byte[] NO_AD = new byte[0];

    @Test
    void handshakeAndTransportWhenCacophonyKkVectorThenPublishedMessagesAndHash() {
        X25519Keys initiatorEphemeral = X25519Keys.fromPrivate(INIT_EPHEMERAL);
        KkHandshake initiator = KkHandshake.initiator(X25519Keys.fromPrivate(INIT_STATIC), INIT_REMOTE_STATIC, PROLOGUE,
                initiatorEphemeral);
        KkHandshake responder = KkHandshake.responder(X25519Keys.fromPrivate(RESP_STATIC), RESP_REMOTE_STATIC, PROLOGUE,
                X25519Keys.fromPrivate(RESP_EPHEMERAL));

        byte[] first = initiator.writeFirst(bytes("4c756477696720766f6e204d69736573"));
        assertThat(first).isEqualTo(bytes("ca35def5ae56cec33dc2036731ab14896bc4c75dbb07a61f879f8e3afa4c7944"
                + "0177015efc1fe7a37c629af7120a96274e6ab7afcc9261901d0e09ae32a5bb96"));
        assertThat(responder.readFirst(first)).isEqualTo(bytes("4c756477696720766f6e204d69736573"));

        byte[] second = responder.writeSecond(bytes("4d757272617920526f746862617264"));
        assertThat(second).isEqualTo(bytes("95ebc60d2b1fa672c1f46a8aa265ef51bfe38e7ccb39ec5be34069f144808843"
                + "b274d3429adc47ca093ba63ef90f8da89fda108db471dccfa4894aa7b00003"));
        assertThat(initiator.readSecond(second)).isEqualTo(bytes("4d757272617920526f746862617264"));

        byte[] hash = bytes("24c6b51ecb76277140ca018b5985bc9f03de321dae2d34dcae433dafef0131d9");
        assertThat(initiator.handshakeHash()).isEqualTo(hash);
        assertThat(responder.handshakeHash()).isEqualTo(hash);
        TransportKeys initiatorKeys = initiator.split();
        TransportKeys responderKeys = responder.split();
        assertThat(initiatorEphemeral.privateKey()).as("the ephemeral private key is erased").containsOnly(0);

        assertThat(initiatorKeys.seal(0, NO_AD, bytes("462e20412e20486179656b")))
                .isEqualTo(bytes("966b05bc69ec01b8454d3160a214e6f24a3d884eb31ec2408af63f"));
        assertThat(responderKeys.open(0, NO_AD, bytes("966b05bc69ec01b8454d3160a214e6f24a3d884eb31ec2408af63f")))
                .isEqualTo(bytes("462e20412e20486179656b"));
        assertThat(responderKeys.seal(0, NO_AD, bytes("4361726c204d656e676572")))
                .isEqualTo(bytes("0ad887fba4f611bbb4afe44ba3556b8164332ca7d5934634d63d80"));
        assertThat(initiatorKeys.seal(1, NO_AD, bytes("4a65616e2d426170746973746520536179")))
                .isEqualTo(bytes("012b28ae646ae7830e2c5472cb023eab071c1db3d8413ec69b513b83832f974c2d"));
        assertThat(responderKeys.seal(1, NO_AD, bytes("457567656e2042f6686d20766f6e2042617765726b")))
                .isEqualTo(bytes("bb3e6a48160d9c5971d37f975727294e0d868342db31832e54d07191ab0ca3c3703b5ed3d9"));
    }

    @Test
    void readSecondWhenEphemeralTamperedThenRefusedAndTheGenuineReplyStillCompletes() {
        KkHandshake initiator = KkHandshake.initiator(X25519Keys.fromPrivate(INIT_STATIC), INIT_REMOTE_STATIC, PROLOGUE,
                X25519Keys.generate());
        KkHandshake responder = KkHandshake.responder(X25519Keys.fromPrivate(RESP_STATIC), RESP_REMOTE_STATIC, PROLOGUE,
                X25519Keys.generate());
        responder.readFirst(initiator.writeFirst(new byte[0]));
        byte[] second = responder.writeSecond(new byte[0]);
        byte[] tampered = second.clone();
        tampered[5] ^= 0x10;

        assertThatThrownBy(() -> initiator.readSecond(tampered)).isInstanceOf(IllegalArgumentException.class);
        initiator.readSecond(second);

        assertThat(initiator.handshakeHash()).isEqualTo(responder.handshakeHash());
    }

    @Test
    void readFirstWhenSealedForAnotherResponderThenRefused() {
        KkHandshake initiator = KkHandshake.initiator(X25519Keys.fromPrivate(INIT_STATIC),
                X25519Keys.generate().publicKey(), PROLOGUE, X25519Keys.generate());
        KkHandshake responder = KkHandshake.responder(X25519Keys.fromPrivate(RESP_STATIC), RESP_REMOTE_STATIC, PROLOGUE,
                X25519Keys.generate());

        byte[] first = initiator.writeFirst(new byte[0]);

        assertThatThrownBy(() -> responder.readFirst(first)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readFirstWhenPrologueDiffersThenRefused() {
        KkHandshake initiator = KkHandshake.initiator(X25519Keys.fromPrivate(INIT_STATIC), INIT_REMOTE_STATIC, PROLOGUE,
                X25519Keys.generate());
        KkHandshake responder = KkHandshake.responder(X25519Keys.fromPrivate(RESP_STATIC), RESP_REMOTE_STATIC,
                bytes("4a6f686e2047616c75"), X25519Keys.generate());

        byte[] first = initiator.writeFirst(new byte[0]);

        assertThatThrownBy(() -> responder.readFirst(first)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writeSecondWhenFirstNotReadThenOutOfOrder() {
        KkHandshake responder = KkHandshake.responder(X25519Keys.fromPrivate(RESP_STATIC), RESP_REMOTE_STATIC, PROLOGUE,
                X25519Keys.generate());

        assertThatThrownBy(() -> responder.writeSecond(new byte[0])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(responder::split).isInstanceOf(IllegalStateException.class);
    }
}
