package io.netloom.daemon.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netloom.daemon.DaemonJson;
import io.netloom.daemon.map.OverlayBounds;
import io.netloom.gateway.protocol.SignedMapEnvelope;
import io.netloom.gateway.protocol.SignedMapEnvelope.Kind;
import io.netloom.gateway.protocol.SignedMapEnvelope.Recipient;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 key that signs whatever a test gives it, as the server's would (or as an attacker's
 * own key does): the daemon side is tested against the documented format, not the server's code.
 */
final class TestMapSigner {

    static final Recipient SELF = new Recipient("account-1", "self");
    static final OverlayBounds OVERLAY = OverlayBounds.of("100.64.0.0/10");

    private final Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new SecureRandom());

    byte[] publicKey() {
        return key.generatePublicKey().getEncoded();
    }

    /** What a device enrolled as {@link #SELF} trusts when this is its account's key. */
    MapTrust trust() {
        return new MapTrust(publicKey(), SELF, OVERLAY);
    }

    String map(Object map) {
        return sign(Kind.MAP, SELF, json(map));
    }

    /** A full map naming the model its serial counts in, as a server of ADR 0057 signs it. */
    String map(Object map, String model) {
        ObjectNode json = DaemonJson.MAPPER.valueToTree(map);
        json.put("model", model);
        return sign(Kind.MAP, SELF, json(json));
    }

    String delta(Object delta) {
        return sign(Kind.DELTA, SELF, json(delta));
    }

    /** The message in a batch of its own: its leaf is the root the key signs. */
    String sign(Kind kind, Recipient recipient, String json) {
        byte[] root = SignedMapEnvelope.leafHash(kind, recipient, json.getBytes(StandardCharsets.UTF_8));
        byte[] input = SignedMapEnvelope.batchInput(root, 1);
        byte[] signature = new byte[Ed25519PrivateKeyParameters.SIGNATURE_SIZE];
        key.sign(Ed25519.Algorithm.Ed25519, null, input, 0, input.length, signature, 0);
        return SignedMapEnvelope.envelope(kind, new SignedMapEnvelope.Proof(signature, 0, 1, List.of()), json);
    }

    static String json(Object value) {
        try {
            return DaemonJson.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
