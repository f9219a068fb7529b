package io.netloom.daemon.relay;

import java.net.InetSocketAddress;

/**
 * What an allocation reports to its owner. Both methods run on the allocation's own threads: they must return
 * quickly and not call {@link TurnAllocation#close()} synchronously from {@link #onDatagram}.
 */
public interface RelayListener {

    /** A datagram that {@code peer} sent to the relayed address. */
    void onDatagram(InetSocketAddress peer, byte[] data);

    /**
     * The allocation is gone (the relay disappeared, refused a refresh, or broke the protocol); called once, never
     * after {@link TurnAllocation#close()}. The owner allocates again, elsewhere or over another transport.
     */
    void onFailed(TurnException failure);
}
