package io.netloom.gateway;

/** Why the gateway ends a session: WebSocket close codes in the private range 4000–4999, with reasons. */
final class CloseCodes {

    /** The standard code (RFC 6455). */
    static final short MESSAGE_TOO_LARGE = 1009;
    /** The gateway cannot read the connection's channel binding (RFC 6455 internal error): a fault of its own. */
    static final short INTERNAL_ERROR = 1011;
    static final short PROTOCOL_VIOLATION = 4400;
    /** The sign-in proof does not hold for this key, this gateway and this connection. */
    static final short SIGN_IN_REFUSED = 4401;
    /** The key is not enrolled, or its peer is removed or its owner blocked: at sign-in or later. */
    static final short PEER_REVOKED = 4403;
    /** The sign-in asks for what this peer may not have: extra DNS labels its setup key did not allow (ADR 0046). */
    static final short PRECONDITION_FAILED = 4412;
    static final short HEARTBEAT_TIMEOUT = 4408;
    /** The same code as a heartbeat timeout: the connection stayed silent where it had to speak. */
    static final short SIGN_IN_TIMEOUT = 4408;
    static final short REPLACED = 4409;
    static final short RATE_LIMITED = 4429;
    static final short SHUTTING_DOWN = 4503;

    private CloseCodes() {
    }
}
