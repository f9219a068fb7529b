package io.netloom.server.enrollment;

import io.netloom.domain.ids.PeerId;
import io.netloom.server.config.NetloomProperties;
import io.netloom.server.storage.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Time-limited TURN credentials in coturn's shared-secret scheme ("TURN REST API"): the username
 * is {@code <expiry unix time>:<peer id>} and the password is base64(HMAC-SHA1(secret, username)).
 * coturn checks them with the same {@code static-auth-secret}; nothing is stored per credential.
 */
@Component
public class TurnCredentials {

    /** A credential for one peer, valid until {@code expiresAt}. */
    public record Credential(String username, String password, Instant expiresAt) {
    }

    private final byte[] secret;
    private final NetloomProperties properties;

    public TurnCredentials(NetloomProperties properties) throws IOException {
        this.properties = properties;
        String configured = properties.turnSecret();
        this.secret = (configured.isBlank()
                ? PrivateFiles.readOrCreate(properties.keysDirectory().resolve("turn-secret"),
                        TurnCredentials::newSecret)
                : configured).getBytes(StandardCharsets.UTF_8);
    }

    public Credential issue(PeerId peer, Instant now) {
        Instant expiresAt = now.plus(properties.turnCredentialTtl());
        String username = expiresAt.getEpochSecond() + ":" + peer.value();
        return new Credential(username, sign(username), expiresAt);
    }

    private String sign(String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every Java runtime", e);
        }
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
