package io.netloom.domain.account;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.common.DnsNames;
import java.time.Duration;

/** Account-wide policy knobs, mirroring NetBird's account settings. */
public record AccountSettings(
        boolean peerLoginExpirationEnabled,
        Duration peerLoginExpiration,
        boolean peerInactivityExpirationEnabled,
        Duration peerInactivityExpiration,
        boolean regularUsersViewBlocked,
        boolean peerApprovalRequired,
        String dnsDomain,
        JwtGroupsSettings jwtGroups) {

    private static final Duration MIN_EXPIRATION = Duration.ofHours(1);
    private static final Duration MAX_EXPIRATION = Duration.ofDays(180);

    public AccountSettings {
        if (jwtGroups == null) {
            // Events written before JWT groups were stored carry none: the feature was off for them.
            jwtGroups = JwtGroupsSettings.disabled();
        }
        requireExpiration(peerLoginExpirationEnabled, peerLoginExpiration, "peer login expiration");
        requireExpiration(peerInactivityExpirationEnabled, peerInactivityExpiration, "peer inactivity expiration");
        if (!DnsNames.isValidName(dnsDomain)) {
            throw CommandRejectedException.invalid(
                    "DNS domain must be a lowercase DNS name of at most " + DnsNames.MAX_NAME_LENGTH + " characters");
        }
    }

    /** Settings without JWT groups (switched off). */
    public AccountSettings(boolean peerLoginExpirationEnabled, Duration peerLoginExpiration,
            boolean peerInactivityExpirationEnabled, Duration peerInactivityExpiration,
            boolean regularUsersViewBlocked, boolean peerApprovalRequired, String dnsDomain) {
        this(peerLoginExpirationEnabled, peerLoginExpiration, peerInactivityExpirationEnabled,
                peerInactivityExpiration, regularUsersViewBlocked, peerApprovalRequired, dnsDomain,
                JwtGroupsSettings.disabled());
    }

    public static AccountSettings defaults() {
        return new AccountSettings(true, Duration.ofHours(24), false, Duration.ofMinutes(10), true, false,
                "netloom.internal");
    }

    /**
     * The range only binds while the expiration is switched on: the default inactivity period (10 minutes,
     * as in NetBird) is below the minimum and must still be storable while disabled.
     */
    private static void requireExpiration(boolean enabled, Duration expiration, String what) {
        if (expiration == null || expiration.isNegative() || expiration.isZero()) {
            throw CommandRejectedException.invalid(what + " must be a positive duration");
        }
        if (enabled && (expiration.compareTo(MIN_EXPIRATION) < 0 || expiration.compareTo(MAX_EXPIRATION) > 0)) {
            throw CommandRejectedException.invalid(what + " must be between 1 hour and 180 days");
        }
    }
}
