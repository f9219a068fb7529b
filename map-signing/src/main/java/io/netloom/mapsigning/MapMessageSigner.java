package io.netloom.mapsigning;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.gateway.protocol.MerkleBatch;
import io.netloom.gateway.protocol.SignedMapEnvelope;
import io.netloom.gateway.protocol.SignedMapEnvelope.Kind;
import io.netloom.gateway.protocol.SignedMapEnvelope.Recipient;
import io.netloom.gateway.protocol.Wire;
import io.netloom.projections.networkmap.NetworkMap;
import io.netloom.projections.networkmap.PeerMapUpdate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Serializes maps and deltas once and signs exactly those bytes for their recipients: up to
 * {@value MerkleBatch#MAX_LEAVES} messages share one Ed25519 signature over the root of a
 * {@link MerkleBatch} of their signed inputs, so a change that reaches thousands of peers costs
 * one signature per batch, not per peer. Whoever holds one can sign anything, so only
 * {@link SignedMaps} (and benchmarks) hold one, and feed it nothing but what the network-map
 * engine produced; the gateway gets {@link SignedMaps}, never the keys.
 */
public final class MapMessageSigner {

    private final MapSigningKeys keys;

    public MapMessageSigner(MapSigningKeys keys) {
        this.keys = keys;
    }

    /**
     * The peer's whole map, in a batch of its own, with the id of the model its serial counts in as a last member
     * {@code "model"} (ADR 0057): inside the signed bytes, so a held map's model is as trustworthy as its serial.
     */
    public SignedMapMessage fullMap(AccountId account, PeerId peer, NetworkMap map, String model) {
        return sign(account, List.of(new Unsigned(Kind.MAP, peer, SignedMapMessage.FULL_MAP, map.serial(),
                withModel(json(map), model)))).get(0);
    }

    /**
     * Appends the model to the map's JSON object (never empty: it has a serial) instead of building a tree of the
     * whole map again: a full map of thousands of peers is written once.
     */
    private static String withModel(String mapJson, String model) {
        if (!mapJson.endsWith("}")) {
            throw new IllegalStateException("a map serializes to a JSON object");
        }
        return mapJson.substring(0, mapJson.length() - 1) + ",\"model\":" + json(model) + "}";
    }

    /** Each update's delta, signed for its peer, in the order given. */
    public List<SignedMapMessage> deltas(AccountId account, List<PeerMapUpdate> updates) {
        List<SignedMapMessage> signed = new ArrayList<>(updates.size());
        for (int from = 0; from < updates.size(); from += MerkleBatch.MAX_LEAVES) {
            List<Unsigned> batch = new ArrayList<>();
            for (PeerMapUpdate update : updates.subList(from, Math.min(from + MerkleBatch.MAX_LEAVES, updates.size()))) {
                batch.add(new Unsigned(Kind.DELTA, update.peer(), update.delta().baseSerial(), update.delta().serial(),
                        json(update.delta())));
            }
            signed.addAll(sign(account, batch));
        }
        return signed;
    }

    private List<SignedMapMessage> sign(AccountId account, List<Unsigned> batch) {
        List<byte[]> leaves = new ArrayList<>(batch.size());
        for (Unsigned message : batch) {
            leaves.add(SignedMapEnvelope.leafHash(message.kind(), new Recipient(account.value(), message.peer().value()),
                    message.json().getBytes(StandardCharsets.UTF_8)));
        }
        MerkleBatch tree = MerkleBatch.of(leaves);
        byte[] input = SignedMapEnvelope.batchInput(tree.root(), tree.size());
        byte[] signature = new byte[Ed25519PrivateKeyParameters.SIGNATURE_SIZE];
        keys.privateKey(account).sign(Ed25519.Algorithm.Ed25519, null, input, 0, input.length, signature, 0);
        List<SignedMapMessage> signed = new ArrayList<>(batch.size());
        for (int index = 0; index < batch.size(); index++) {
            Unsigned message = batch.get(index);
            SignedMapEnvelope.Proof proof = new SignedMapEnvelope.Proof(signature, index, batch.size(), tree.path(index));
            signed.add(new SignedMapMessage(message.baseSerial(), message.serial(),
                    SignedMapEnvelope.envelope(message.kind(), proof, message.json())));
        }
        return signed;
    }

    private static String json(Object content) {
        try {
            return Wire.JSON.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map record always serializes", e);
        }
    }

    private record Unsigned(Kind kind, PeerId peer, long baseSerial, long serial, String json) {
    }
}
