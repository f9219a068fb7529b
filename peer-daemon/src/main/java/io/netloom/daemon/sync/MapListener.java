package io.netloom.daemon.sync;

import io.netloom.daemon.map.NetworkMap;

/** Receives what arrives from the gateway: each new map, and each decrypted signal from a remote peer. */
public interface MapListener {

    void mapChanged(NetworkMap map);

    void signalReceived(String fromPeerId, String kind, byte[] payload);
}
