package io.netloom.daemon.ice;

import java.io.IOException;
import java.net.DatagramPacket;

/**
 * A socket of ours that a selected {@link IcePath} runs on: a host socket ({@link DataPlaneSocket}) or a TURN
 * allocation ({@link RelaySocket}). While a path is attached, the socket hands it what arrives from the path's
 * remote end before ice4j sees it.
 */
interface PathSocket {

    void attach(IcePath path);

    /** Stops handing datagrams to {@code path}, if it is still the attached one. */
    void detach(IcePath path);

    void send(DatagramPacket packet) throws IOException;
}
