package io.netloom.daemon.relay;

import org.ice4j.StunException;
import org.ice4j.attribute.AttributeFactory;
import org.ice4j.message.Message;
import org.ice4j.stack.StunStack;

/**
 * ice4j's STUN codec for one allocation (ChannelData is framed in place, {@link ChannelFrame}). ice4j computes
 * MESSAGE-INTEGRITY only through a {@link StunStack}'s credentials manager, so the codec holds a stack (which
 * starts no threads until it sends, and it never sends) with the allocation's long-term credential registered.
 */
final class TurnCodec {

    private final StunStack stack = new StunStack();
    private final LongTermCredential credential;

    TurnCodec(LongTermCredential credential) {
        this.credential = credential;
        stack.getCredentialsManager().registerAuthority(credential);
    }

    /** Adds USERNAME, REALM, NONCE and MESSAGE-INTEGRITY (last, as RFC 8489 requires) to {@code request}. */
    void authenticate(Message request, Challenge challenge) {
        request.putAttribute(AttributeFactory.createUsernameAttribute(credential.username()));
        request.putAttribute(AttributeFactory.createRealmAttribute(challenge.realm()));
        request.putAttribute(AttributeFactory.createNonceAttribute(challenge.nonce()));
        request.putAttribute(AttributeFactory.createMessageIntegrityAttribute(credential.username()));
    }

    synchronized byte[] encode(Message message) {
        return message.encode(stack);
    }

    /** Decodes one STUN message; throws {@link StunException} for bytes that are not one (garbage, truncation). */
    Message decode(byte[] frame) throws StunException {
        return Message.decode(frame, 0, frame.length);
    }

    void close() {
        stack.getCredentialsManager().unregisterAuthority(credential);
        stack.shutDown();
    }
}
