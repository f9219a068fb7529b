package io.netloom.daemon.relay;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * What an allocation reports to its owner. Both methods run on the allocation's own threads: they must return
 * quickly and not call {@link TurnAllocation#close()} synchronously from {@link #onDatagram}.
 */
public interface RelayListener {

    /**
     * A datagram that {@code peer} sent to the relayed address, between {@code data}'s position and limit. The buffer
     * is the allocation's receive buffer, valid only during the call (copy what must be kept); the listener may move
     * its position and limit.
     */
    void onDatagram(InetSocketAddress peer, ByteBuffer data);

    /**
     * The allocation is gone (the relay disappeared, refused a refresh, or broke the protocol); called once, never
     * after {@link TurnAllocation#close()}. The owner allocates again, elsewhere or over another transport.
     */
    void onFailed(TurnException failure);
}
