package io.netloom.domain.peer;

/**
 * Why a peer's login expired: NetBird's two account settings that end a person's device session, or the person's
 * session at their identity provider ending (OIDC Back-Channel Logout, ADR 0027).
 */
public enum LoginExpiryReason {
    /** {@code peer_login_expiration}: the person signed in on the device too long ago. */
    LOGIN_EXPIRED,
    /** {@code peer_inactivity_expiration}: the device has been disconnected too long. */
    INACTIVE,
    /** The person's session at their identity provider ended (a back-channel logout): not a period, never due. */
    SIGNED_OUT
}
