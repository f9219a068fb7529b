package io.netloom.gateway;

/** Why the gateway ends a session: WebSocket close codes in the private range 4000–4999, with reasons. */
final class CloseCodes {

    /** The standard code (RFC 6455). */
    static final short MESSAGE_TOO_LARGE = 1009;
    static final short PROTOCOL_VIOLATION = 4400;
    static final short PEER_REVOKED = 4403;
    static final short HEARTBEAT_TIMEOUT = 4408;
    static final short REPLACED = 4409;
    static final short RATE_LIMITED = 4429;
    static final short SHUTTING_DOWN = 4503;

    private CloseCodes() {
    }
}
