package io.netloom.daemon.relay;

import org.ice4j.message.ChannelData;
import org.ice4j.message.Message;

/** One decoded frame from the relay: a STUN message or ChannelData. */
sealed interface TurnFrame {

    record Stun(Message message) implements TurnFrame {
    }

    record Channel(ChannelData data) implements TurnFrame {
    }
}
