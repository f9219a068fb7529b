package io.netloom.server.enrollment;

import io.netloom.gateway.protocol.X25519Keys;
import io.netloom.server.config.NetloomProperties;
import io.netloom.server.storage.PrivateFiles;
import java.io.IOException;
import java.util.Base64;
import org.springframework.stereotype.Component;

/**
 * The signal gateway's static X25519 key pair, kept in the data directory. A peer proves it holds
 * its WireGuard private key with a MAC keyed by X25519(peer private, gateway public); the gateway
 * checks it with X25519(gateway private, peer public). No bearer secret is ever issued or stored
 * (ADR 0004). Enrollment hands out the public half.
 */
@Component
public class GatewayIdentity {

    private final X25519Keys keys;

    public GatewayIdentity(NetloomProperties properties) throws IOException {
        String stored = PrivateFiles.readOrCreate(properties.keysDirectory().resolve("gateway-x25519.key"),
                () -> Base64.getEncoder().encodeToString(X25519Keys.generate().privateKey()));
        keys = X25519Keys.fromPrivate(Base64.getDecoder().decode(stored));
    }

    public String publicKeyBase64() {
        return keys.publicKeyBase64();
    }

    public X25519Keys keys() {
        return keys;
    }
}
