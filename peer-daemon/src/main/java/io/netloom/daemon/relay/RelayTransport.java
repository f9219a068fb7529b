package io.netloom.daemon.relay;

/** How the daemon reaches a TURN server: {@code turn:…?transport=udp}, {@code turn:…?transport=tcp} or {@code turns:}. */
public enum RelayTransport {
    UDP,
    TCP,
    TLS;

    /** Over TCP and TLS the byte stream is reliable: no retransmissions, and ChannelData is padded to 4 bytes. */
    boolean reliable() {
        return this != UDP;
    }
}
