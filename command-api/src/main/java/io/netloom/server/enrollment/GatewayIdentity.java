package io.netloom.server.enrollment;

import io.netloom.server.config.NetloomProperties;
import io.netloom.server.storage.PrivateFiles;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.springframework.stereotype.Component;

/**
 * The signal gateway's static X25519 key pair, kept in the data directory. A peer proves it holds
 * its WireGuard private key with a MAC keyed by X25519(peer private, gateway public); the gateway
 * checks it with X25519(gateway private, peer public). No bearer secret is ever issued or stored
 * (ADR 0004). Enrollment hands out the public half.
 */
@Component
public class GatewayIdentity {

    private final byte[] publicKey = new byte[X25519.POINT_SIZE];
    private final byte[] privateKey = new byte[X25519.SCALAR_SIZE];

    public GatewayIdentity(NetloomProperties properties) throws IOException {
        String stored = PrivateFiles.readOrCreate(properties.dataDir().resolve("keys").resolve("gateway-x25519.key"),
                () -> {
                    byte[] fresh = new byte[X25519.SCALAR_SIZE];
                    X25519.generatePrivateKey(new SecureRandom(), fresh);
                    return Base64.getEncoder().encodeToString(fresh);
                });
        byte[] decoded = Base64.getDecoder().decode(stored);
        System.arraycopy(decoded, 0, privateKey, 0, X25519.SCALAR_SIZE);
        X25519.generatePublicKey(privateKey, 0, publicKey, 0);
    }

    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey);
    }

    /** The shared secret with a peer, from which the gateway derives the key that checks the peer's proof. */
    public byte[] sharedSecretWith(byte[] peerPublicKey) {
        byte[] shared = new byte[X25519.POINT_SIZE];
        if (!X25519.calculateAgreement(privateKey, 0, peerPublicKey, 0, shared, 0)) {
            throw new IllegalArgumentException("peer public key is a low-order point");
        }
        return shared;
    }
}
