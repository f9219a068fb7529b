package io.netloom.daemon.relay;

import org.ice4j.StunException;
import org.ice4j.attribute.AttributeFactory;
import org.ice4j.message.ChannelData;
import org.ice4j.message.Message;
import org.ice4j.stack.StunStack;

/**
 * ice4j's STUN and ChannelData codec for one allocation. ice4j computes MESSAGE-INTEGRITY only through a
 * {@link StunStack}'s credentials manager, so the codec holds a stack (which starts no threads until it sends,
 * and it never sends) with the allocation's long-term credential registered.
 */
final class TurnCodec {

    private final StunStack stack = new StunStack();
    private final LongTermCredential credential;
    private final boolean padChannelData;

    TurnCodec(LongTermCredential credential, boolean padChannelData) {
        this.credential = credential;
        this.padChannelData = padChannelData;
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

    byte[] encode(char channel, byte[] data) throws TurnException {
        ChannelData channelData = new ChannelData();
        channelData.setChannelNumber(channel);
        channelData.setData(data);
        try {
            return channelData.encode(padChannelData);
        } catch (StunException e) {
            throw new TurnException(TurnError.PROTOCOL, "cannot frame " + data.length + " bytes as ChannelData", e);
        }
    }

    /** Decodes one frame; throws {@link StunException} for bytes that are neither (garbage, truncation). */
    TurnFrame decode(byte[] frame) throws StunException {
        if (frame.length >= 1 && (frame[0] & 0xc0) == 0x40) {
            ChannelData data = ChannelData.decode(frame, (char) 0, (char) frame.length);
            return new TurnFrame.Channel(data);
        }
        return new TurnFrame.Stun(Message.decode(frame, 0, frame.length));
    }

    void close() {
        stack.getCredentialsManager().unregisterAuthority(credential);
        stack.shutDown();
    }
}
