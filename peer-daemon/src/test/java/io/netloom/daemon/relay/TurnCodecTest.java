package io.netloom.daemon.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.ice4j.StunException;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.MessageIntegrityAttribute;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TurnCodecTest {

    private final LongTermCredential credential = new LongTermCredential("1700000000:peer", "secret");
    private final TurnCodec udp = new TurnCodec(credential);

    @AfterEach
    void close() {
        udp.close();
    }

    @Test
    void decodeWhenTheMessageIsTruncatedThenRefused() throws Exception {
        Request request = MessageFactory.createRefreshRequest(600);
        request.setTransactionID(new byte[12]);
        byte[] whole = udp.encode(request);

        assertThatThrownBy(() -> udp.decode(Arrays.copyOf(whole, whole.length - 4)))
                .isInstanceOf(StunException.class);
    }

    @Test
    void authenticateWhenChallengedThenTheRequestCarriesTheLongTermMessageIntegrity() throws Exception {
        byte[] realm = "netloom.test".getBytes(StandardCharsets.UTF_8);
        credential.useRealm("netloom.test");
        Request request = MessageFactory.createRefreshRequest(600);
        request.setTransactionID(new byte[12]);

        udp.authenticate(request, new Challenge(realm, "nonce-1".getBytes(StandardCharsets.UTF_8)));
        byte[] encoded = udp.encode(request);

        Message decoded = Message.decode(encoded, 0, encoded.length);
        assertThat(decoded.containsAttribute(Attribute.USERNAME)).isTrue();
        assertThat(decoded.containsAttribute(Attribute.NONCE)).isTrue();
        MessageIntegrityAttribute integrity = (MessageIntegrityAttribute) decoded.getAttribute(
                Attribute.MESSAGE_INTEGRITY);
        // RFC 8489 §14.5: HMAC-SHA1 over the message up to the attribute, with the length covering it. Where the
        // attribute starts is looked up: ice4j appends a FINGERPRINT after it once an ice4j Agent has been created
        // in the JVM (its constructor sets the system property org.ice4j.ALWAYS_SIGN), as in the ICE tests.
        int offset = attributeOffset(encoded, Attribute.MESSAGE_INTEGRITY);
        byte[] covered = Arrays.copyOf(encoded, offset);
        int length = offset + 24 - 20;
        covered[2] = (byte) (length >> 8);
        covered[3] = (byte) length;
        byte[] key = java.security.MessageDigest.getInstance("MD5")
                .digest("1700000000:peer:netloom.test:secret".getBytes(StandardCharsets.UTF_8));
        assertThat(integrity.getHmacSha1Content())
                .isEqualTo(MessageIntegrityAttribute.calculateHmacSha1(covered, 0, covered.length, key));
    }

    /** Where the attribute of {@code type} begins in an encoded STUN message (attributes are padded to 4 bytes). */
    private static int attributeOffset(byte[] message, char type) {
        int offset = 20;
        while (offset + 4 <= message.length) {
            int found = ((message[offset] & 0xff) << 8) | (message[offset + 1] & 0xff);
            if (found == type) {
                return offset;
            }
            int length = ((message[offset + 2] & 0xff) << 8) | (message[offset + 3] & 0xff);
            offset += 4 + (length + 3) / 4 * 4;
        }
        throw new AssertionError("no attribute 0x" + Integer.toHexString(type));
    }
}
