package io.netloom.mapsigning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.gateway.protocol.SignedMapEnvelope;
import io.netloom.gateway.protocol.SignedMapEnvelope.Kind;
import io.netloom.gateway.protocol.Wire;
import io.netloom.projections.networkmap.PeerMapUpdate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The envelope as the server writes it and a daemon takes it apart: what verifies, and what does not. */
class SignedMapEnvelopeTest {

    private final TestAccount account = new TestAccount();
    private final PeerId a = account.enroll("a");
    private final PeerId b = account.enroll("b");
    private final SignedMaps signed = new SignedMaps(account.maps, account.keys, 1);

    @Test
    void openWhenServerSignedMapThenJsonIsTheMapAndSignatureVerifiesForItsPeerOnly() throws Exception {
        String text = signed.fullMap(TestAccount.ACCOUNT, a).orElseThrow().text();

        SignedMapEnvelope.Opened opened = SignedMapEnvelope.open(text);

        assertThat(opened.kind()).isEqualTo(Kind.MAP);
        assertThat(Wire.read(opened.json()).get("serial").asLong())
                .isEqualTo(account.maps.mapOf(TestAccount.ACCOUNT, a).orElseThrow().serial());
        assertThat(Wire.read(text).get("type").asText()).isEqualTo("map");
        assertThat(opened.isSignedBy(account.publicKey(), TestAccount.recipient(a))).isTrue();
        assertThat(opened.isSignedBy(account.publicKey(), TestAccount.recipient(b))).isFalse();
    }

    @Test
    void isSignedByWhenOneCharacterOfJsonChangedThenFalse() {
        String text = signed.fullMap(TestAccount.ACCOUNT, a).orElseThrow().text();
        String tampered = text.replace("\"connected\":false", "\"connected\":true ");

        assertThat(tampered).isNotEqualTo(text);
        assertThat(SignedMapEnvelope.open(tampered).isSignedBy(account.publicKey(), TestAccount.recipient(a)))
                .isFalse();
    }

    @Test
    void isSignedByWhenMapPresentedAsDeltaThenFalse() {
        SignedMapEnvelope.Opened map = SignedMapEnvelope.open(signed.fullMap(TestAccount.ACCOUNT, a).orElseThrow().text());
        String asDelta = SignedMapEnvelope.envelope(Kind.DELTA, map.proof(), map.json());

        assertThat(SignedMapEnvelope.open(asDelta).isSignedBy(account.publicKey(), TestAccount.recipient(a))).isFalse();
    }

    @Test
    void isSignedByWhenChangeSignedInOneBatchThenEachMessageVerifiesForItsPeerOnly() {
        List<PeerId> peers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            peers.add(account.enroll("p" + i));
        }
        long held = account.maps.mapOf(TestAccount.ACCOUNT, a).orElseThrow().serial();
        account.maps.change(TestAccount.ACCOUNT, network -> network.changeDnsDomain("corp.example"));
        MapMessageSigner signer = new MapMessageSigner(account.keys);
        List<PeerMapUpdate> updates = new ArrayList<>();
        for (PeerId peer : List.of(a, b, peers.get(0), peers.get(4))) {
            updates.add(new PeerMapUpdate(peer, account.maps.deltasSince(TestAccount.ACCOUNT, peer,
                    account.maps.mapOf(TestAccount.ACCOUNT, peer).orElseThrow().serial() - 1).orElseThrow().get(0)));
        }

        List<SignedMapMessage> signedBatch = signer.deltas(TestAccount.ACCOUNT, updates);

        assertThat(updates.get(0).delta().baseSerial()).isEqualTo(held);
        for (int i = 0; i < updates.size(); i++) {
            SignedMapEnvelope.Opened opened = SignedMapEnvelope.open(signedBatch.get(i).text());
            assertThat(opened.proof().size()).isEqualTo(4);
            assertThat(opened.proof().index()).isEqualTo(i);
            assertThat(opened.isSignedBy(account.publicKey(), TestAccount.recipient(updates.get(i).peer()))).isTrue();
            PeerId other = updates.get((i + 1) % updates.size()).peer();
            assertThat(opened.isSignedBy(account.publicKey(), TestAccount.recipient(other))).isFalse();
        }
    }

    @Test
    void isSignedByWhenProofMovedToAnotherPlaceInTheBatchThenFalse() {
        PeerId c = account.enroll("c");
        PeerId d = account.enroll("d");
        account.maps.change(TestAccount.ACCOUNT, network -> network.changeDnsDomain("corp.example"));
        List<PeerMapUpdate> updates = new ArrayList<>();
        for (PeerId peer : List.of(a, b, c, d)) {
            updates.add(new PeerMapUpdate(peer, account.maps.deltasSince(TestAccount.ACCOUNT, peer,
                    account.maps.mapOf(TestAccount.ACCOUNT, peer).orElseThrow().serial() - 1).orElseThrow().get(0)));
        }
        SignedMapEnvelope.Opened ofA = SignedMapEnvelope.open(
                new MapMessageSigner(account.keys).deltas(TestAccount.ACCOUNT, updates).get(0).text());
        SignedMapEnvelope.Proof proof = ofA.proof();

        for (SignedMapEnvelope.Proof moved : List.of(
                new SignedMapEnvelope.Proof(proof.signature(), 1, proof.size(), proof.path()),
                new SignedMapEnvelope.Proof(proof.signature(), proof.index(), 3, proof.path()),
                new SignedMapEnvelope.Proof(proof.signature(), proof.index(), proof.size(), proof.path().subList(0, 1)),
                new SignedMapEnvelope.Proof(proof.signature(), proof.index(), proof.size(),
                        List.of(proof.path().get(1), proof.path().get(0))))) {
            String text = SignedMapEnvelope.envelope(Kind.DELTA, moved, ofA.json());
            assertThat(SignedMapEnvelope.open(text).isSignedBy(account.publicKey(), TestAccount.recipient(a))).isFalse();
        }
    }

    @Test
    void isSignedByWhenAnotherAccountsKeyThenFalse() {
        String text = signed.fullMap(TestAccount.ACCOUNT, a).orElseThrow().text();
        byte[] otherKey = Base64.getDecoder().decode(account.keys.publicKeyBase64(new AccountId("account-2")));

        assertThat(SignedMapEnvelope.open(text).isSignedBy(otherKey, TestAccount.recipient(a))).isFalse();
    }

    @Test
    void openWhenUnsignedOrMalformedThenRefusedWithReason() {
        String text = signed.fullMap(TestAccount.ACCOUNT, a).orElseThrow().text();
        String json = SignedMapEnvelope.open(text).json();

        assertThatThrownBy(() -> SignedMapEnvelope.open("{\"type\":\"map\",\"map\":" + json + "}"))
                .hasMessageContaining("not signed");
        assertThatThrownBy(() -> SignedMapEnvelope.open(text.replace("\",\"map\":", "\",\"delta\":")))
                .hasMessageContaining("malformed");
        assertThatThrownBy(() -> SignedMapEnvelope.open(text.replaceFirst("\"sig\":\"[^\"]{4}", "\"sig\":\"!!!!")))
                .hasMessageContaining("base64");
        assertThatThrownBy(() -> SignedMapEnvelope.open("{\"type\":\"map\",\"sig\":\"AAAA\",\"map\":{}}"))
                .hasMessageContaining("malformed length");
        assertThatThrownBy(() -> SignedMapEnvelope.open("{\"type\":\"map\",\"sig\":\"" + "A".repeat(400)
                + "\",\"map\":{}}")).hasMessageContaining("malformed");
    }

    @Test
    void decodePublicKeyWhenNotAKeyThenRefused() {
        assertThatThrownBy(() -> SignedMapEnvelope.decodePublicKey("AAAA")).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> SignedMapEnvelope.decodePublicKey("not base64!")).hasMessageContaining("base64");
        assertThat(SignedMapEnvelope.decodePublicKey(account.keys.publicKeyBase64(TestAccount.ACCOUNT))).hasSize(32);
    }
}
