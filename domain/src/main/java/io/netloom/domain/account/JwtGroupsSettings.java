package io.netloom.domain.account;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.common.Names;
import io.netloom.domain.user.GroupsClaim;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * NetBird's {@code jwt_groups_enabled}, {@code jwt_groups_claim_name} and {@code jwt_allow_groups}: whether the
 * groups a person's token names become Netloom groups at each sign-in, which claim holds them, and which of
 * them a person must be in to sign in at all (empty: anyone).
 */
public record JwtGroupsSettings(boolean enabled, String claimName, List<String> allowGroups) {

    public JwtGroupsSettings {
        claimName = Names.optional(claimName, "JWT groups claim name");
        if (allowGroups == null) {
            allowGroups = List.of();
        }
        if (allowGroups.size() > GroupsClaim.MAX_ENTRIES) {
            throw CommandRejectedException.invalid(
                    "JWT allow groups must name at most " + GroupsClaim.MAX_ENTRIES + " groups");
        }
        Set<String> names = new LinkedHashSet<>();
        for (String group : allowGroups) {
            names.add(Names.requireValid(group, "JWT allow group"));
        }
        allowGroups = List.copyOf(new ArrayList<>(names));
    }

    public static JwtGroupsSettings disabled() {
        return new JwtGroupsSettings(false, "", List.of());
    }

    /** Whether sign-ins sync groups at all: NetBird does nothing without a claim name either. */
    public boolean syncsGroups() {
        return enabled && !claimName.isEmpty();
    }
}
