package io.netloom.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The proofs of a sign-in hold exactly for the nonce, keys, role and channel they were made for. */
class GatewaySignInTest {

    private final X25519Keys gateway = X25519Keys.generate();
    private final X25519Keys peer = X25519Keys.generate();
    private final byte[] nonce = filled(GatewaySignIn.NONCE_BYTES, 1);
    private final ChannelBinding binding = ChannelBinding.tlsExporter(filled(32, 2), filled(32, 3));

    @Test
    void isPeerProofWhenEverythingMatchesThenTrue() {
        GatewaySignIn signIn = new GatewaySignIn(nonce, binding);

        assertThat(signIn.isPeerProof(gateway, peer.publicKey(), signIn.peerProof(peer, gateway.publicKey()))).isTrue();
        assertThat(signIn.isGatewayProof(peer, gateway.publicKey(), signIn.gatewayProof(gateway, peer.publicKey())))
                .isTrue();
    }

    @Test
    void isPeerProofWhenAnyBoundValueDiffersThenFalse() {
        byte[] proof = new GatewaySignIn(nonce, binding).peerProof(peer, gateway.publicKey());

        assertThat(new GatewaySignIn(filled(32, 9), binding).isPeerProof(gateway, peer.publicKey(), proof)).isFalse();
        assertThat(new GatewaySignIn(nonce, ChannelBinding.tlsExporter(filled(32, 9), filled(32, 3)))
                .isPeerProof(gateway, peer.publicKey(), proof)).isFalse();
        assertThat(new GatewaySignIn(nonce, ChannelBinding.tlsExporter(filled(32, 2), filled(32, 9)))
                .isPeerProof(gateway, peer.publicKey(), proof)).isFalse();
        assertThat(new GatewaySignIn(nonce, ChannelBinding.unbound()).isPeerProof(gateway, peer.publicKey(), proof))
                .isFalse();
        assertThat(new GatewaySignIn(nonce, binding).isPeerProof(X25519Keys.generate(), peer.publicKey(), proof))
                .isFalse();
        assertThat(new GatewaySignIn(nonce, binding).isPeerProof(gateway, X25519Keys.generate().publicKey(), proof))
                .isFalse();
    }

    @Test
    void isPeerProofWhenGivenTheGatewaysOwnProofThenFalse() {
        GatewaySignIn signIn = new GatewaySignIn(nonce, binding);

        assertThat(signIn.isPeerProof(gateway, peer.publicKey(), signIn.gatewayProof(gateway, peer.publicKey())))
                .isFalse();
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
