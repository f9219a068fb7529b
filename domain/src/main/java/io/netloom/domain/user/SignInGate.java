package io.netloom.domain.user;

import io.netloom.domain.account.JwtGroupsSettings;
import java.util.Optional;

/**
 * NetBird's {@code jwt_allow_groups}: with JWT groups on and allow groups named, a person outside all of
 * them may not sign in. Personal access tokens are not subject to it (as in NetBird), and neither is the
 * owner: the owner is the one who can correct a wrong list, so the setting can never lock the account.
 */
public final class SignInGate {

    public static final String REFUSAL = "you are not in any of the groups allowed to sign in to this account";

    private SignInGate() {
    }

    /** Empty when the sign-in may proceed, else the reason to show the person. */
    public static Optional<String> refusal(JwtGroupsSettings settings, Role role, boolean withPersonalAccessToken,
            GroupsClaim claim) {
        if (withPersonalAccessToken || role == Role.OWNER || !settings.enabled() || settings.allowGroups().isEmpty()) {
            return Optional.empty();
        }
        boolean allowed = claim.names().stream().anyMatch(settings.allowGroups()::contains);
        return allowed ? Optional.empty() : Optional.of(REFUSAL);
    }
}
