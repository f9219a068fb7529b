package io.netloom.domain.user;

/**
 * Which authority ended (or restored) a person's access, recorded on the event so that the access history says
 * why access ended. Automated authorities lift only the blocks they set themselves (see {@link User}): a SCIM
 * client that re-sends {@code active: true}, or a directory sync that finds the person enabled, must not undo an
 * admin's decision.
 */
public enum OffboardingCause {
    /** An owner or admin, through the API or the console. */
    ADMIN,
    /** A SCIM 2.0 client of the account (RFC 7644), such as Entra ID, Okta or authentik. */
    SCIM,
    /** The upstream identity provider ended the person's session (OIDC Back-Channel Logout 1.0). */
    BACK_CHANNEL_LOGOUT,
    /** The periodic reconciliation against the upstream provider's directory. */
    DIRECTORY_SYNC;

    /** Events recorded before causes were kept were all an admin's doing. */
    static OffboardingCause orAdmin(OffboardingCause cause) {
        return cause == null ? ADMIN : cause;
    }
}
