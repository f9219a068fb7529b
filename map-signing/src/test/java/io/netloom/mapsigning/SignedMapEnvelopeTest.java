package io.netloom.mapsigning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.gateway.protocol.SignedMapEnvelope;
import io.netloom.gateway.protocol.SignedMapEnvelope.Kind;
import io.netloom.gateway.protocol.Wire;
import java.util.Base64;
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
        String asDelta = SignedMapEnvelope.envelope(Kind.DELTA, map.signature(), map.json());

        assertThat(SignedMapEnvelope.open(asDelta).isSignedBy(account.publicKey(), TestAccount.recipient(a))).isFalse();
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
        assertThatThrownBy(() -> SignedMapEnvelope.open("{\"type\":\"map\",\"sig\":\"short\",\"map\":{}}"))
                .hasMessageContaining("malformed");
    }

    @Test
    void decodePublicKeyWhenNotAKeyThenRefused() {
        assertThatThrownBy(() -> SignedMapEnvelope.decodePublicKey("AAAA")).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> SignedMapEnvelope.decodePublicKey("not base64!")).hasMessageContaining("base64");
        assertThat(SignedMapEnvelope.decodePublicKey(account.keys.publicKeyBase64(TestAccount.ACCOUNT))).hasSize(32);
    }
}
