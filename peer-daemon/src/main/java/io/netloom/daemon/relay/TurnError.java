package io.netloom.daemon.relay;

/** Why a TURN allocation (or one request of it) failed: what the caller can react to. */
public enum TurnError {
    /** The relay could not be reached (connection refused, no route). */
    UNREACHABLE,
    /** The TLS relay presented a certificate the configured trust does not accept (or for another name). */
    CERTIFICATE,
    /** The relay refused the credential (401 after authenticating). */
    UNAUTHORIZED,
    /** The relay has no allocation left for this user or in total (486 Allocation Quota Reached). */
    QUOTA,
    /** Any other error response of the relay (the STUN error code says which). */
    REFUSED,
    /** The relay did not answer in time. */
    TIMEOUT,
    /** The connection to the relay ended, or (UDP) the relay's port is closed. */
    CONNECTION_LOST,
    /** The relay sent bytes that are neither STUN nor ChannelData on a stream, where nothing can be resynchronised. */
    PROTOCOL,
    /** The allocation was closed by its owner. */
    CLOSED
}
