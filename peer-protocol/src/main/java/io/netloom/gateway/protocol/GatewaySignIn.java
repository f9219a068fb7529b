package io.netloom.gateway.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One sign-in at the gateway, scheme {@code x25519-hmac-sha256-tls-exporter-v2} (ADR 0014): what both
 * ends must agree on — the nonce the gateway sent on this connection and the connection's channel
 * binding — and the proofs computed over it. Each side proves with
 * HMAC-SHA256(HKDF-SHA256(X25519(own private, other public), info "netloom gateway sign-in v2"),
 * transcript), where the transcript names the role, the nonce, both static public keys and the
 * binding (exporter and server certificate hash). Only the holder of the peer's private key can
 * produce the peer's proof, only the holder of the gateway's private key the gateway's, and neither
 * proof is worth anything on another connection, at another gateway or for another nonce.
 */
public final class GatewaySignIn {

    public static final String SCHEME = "x25519-hmac-sha256-tls-exporter-v2";
    public static final int NONCE_BYTES = 32;
    private static final byte[] KEY_INFO = Hkdf.utf8("netloom gateway sign-in v2");
    private static final String PEER = "peer";
    private static final String GATEWAY = "gateway";

    private final byte[] nonce;
    private final ChannelBinding binding;

    public GatewaySignIn(byte[] nonce, ChannelBinding binding) {
        if (nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("a sign-in nonce has " + NONCE_BYTES + " bytes");
        }
        this.nonce = nonce.clone();
        this.binding = binding;
    }

    /** The peer's proof, made with its own key pair and the gateway's public key from enrollment. */
    public byte[] peerProof(X25519Keys peer, byte[] gatewayPublicKey) {
        return mac(peer.agree(gatewayPublicKey), transcript(PEER, gatewayPublicKey, peer.publicKey()));
    }

    /** Checked by the gateway with its own key pair; a malformed key or proof is simply not a proof. */
    public boolean isPeerProof(X25519Keys gateway, byte[] peerPublicKey, byte[] proof) {
        return MessageDigest.isEqual(mac(gateway.agree(peerPublicKey),
                transcript(PEER, gateway.publicKey(), peerPublicKey)), proof);
    }

    /** The gateway's proof in its welcome. */
    public byte[] gatewayProof(X25519Keys gateway, byte[] peerPublicKey) {
        return mac(gateway.agree(peerPublicKey), transcript(GATEWAY, gateway.publicKey(), peerPublicKey));
    }

    /** Checked by the peer: the other end holds the gateway's private key and sees this same connection. */
    public boolean isGatewayProof(X25519Keys peer, byte[] gatewayPublicKey, byte[] proof) {
        return MessageDigest.isEqual(mac(peer.agree(gatewayPublicKey),
                transcript(GATEWAY, gatewayPublicKey, peer.publicKey())), proof);
    }

    /** Each field length-prefixed, so that no two different transcripts share their bytes. */
    private byte[] transcript(String role, byte[] gatewayPublicKey, byte[] peerPublicKey) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        for (byte[] field : new byte[][] {KEY_INFO, Hkdf.utf8(role), nonce, gatewayPublicKey, peerPublicKey,
                Hkdf.utf8(binding.type()), binding.exporter(), binding.serverCertificateSha256()}) {
            out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(field.length).array());
            out.writeBytes(field);
        }
        return out.toByteArray();
    }

    private static byte[] mac(byte[] sharedSecret, byte[] transcript) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(Hkdf.derive(sharedSecret, null, KEY_INFO, 32), "HmacSHA256"));
            return hmac.doFinal(transcript);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }
}
