package io.netloom.daemon.relay;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A bound channel of an allocation to one peer, kept by the data path: its datagrams go out with no lookup of the
 * peer and no copy (RFC 8656 §12: the channel stays the peer's for the allocation's life).
 */
public final class RelayChannel {

    private final TurnAllocation allocation;
    private final InetSocketAddress peer;
    private final char number;

    RelayChannel(TurnAllocation allocation, InetSocketAddress peer, char number) {
        this.allocation = allocation;
        this.peer = peer;
        this.number = number;
    }

    public InetSocketAddress peer() {
        return peer;
    }

    /**
     * Sends the datagram between {@code datagram}'s position and limit as ChannelData. The {@link ChannelFrame#HEADER}
     * bytes before the position must be free: the header is written there. Changes the buffer's position.
     */
    public void send(ByteBuffer datagram) throws TurnException {
        allocation.send(number, datagram);
    }
}
