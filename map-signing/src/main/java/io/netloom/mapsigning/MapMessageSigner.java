package io.netloom.mapsigning;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.gateway.protocol.SignedMapEnvelope;
import io.netloom.gateway.protocol.SignedMapEnvelope.Kind;
import io.netloom.gateway.protocol.SignedMapEnvelope.Recipient;
import io.netloom.gateway.protocol.Wire;
import io.netloom.projections.networkmap.MapDelta;
import io.netloom.projections.networkmap.NetworkMap;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Serializes a map or a delta once and signs exactly those bytes for their recipient. Whoever holds
 * one can sign anything, so only {@link SignedMaps} (and benchmarks) hold one, and feed it nothing but
 * what the network-map engine produced; the gateway gets {@link SignedMaps}, never the keys.
 */
public final class MapMessageSigner {

    private final MapSigningKeys keys;

    public MapMessageSigner(MapSigningKeys keys) {
        this.keys = keys;
    }

    public SignedMapMessage fullMap(AccountId account, PeerId peer, NetworkMap map) {
        return new SignedMapMessage(SignedMapMessage.FULL_MAP, map.serial(), sign(Kind.MAP, account, peer, map));
    }

    public SignedMapMessage delta(AccountId account, PeerId peer, MapDelta delta) {
        return new SignedMapMessage(delta.baseSerial(), delta.serial(), sign(Kind.DELTA, account, peer, delta));
    }

    private String sign(Kind kind, AccountId account, PeerId peer, Object content) {
        String json;
        try {
            json = Wire.JSON.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map record always serializes", e);
        }
        byte[] input = SignedMapEnvelope.signedInput(kind, new Recipient(account.value(), peer.value()),
                json.getBytes(StandardCharsets.UTF_8));
        byte[] signature = new byte[Ed25519PrivateKeyParameters.SIGNATURE_SIZE];
        keys.privateKey(account).sign(Ed25519.Algorithm.Ed25519, null, input, 0, input.length, signature, 0);
        return SignedMapEnvelope.envelope(kind, signature, json);
    }
}
