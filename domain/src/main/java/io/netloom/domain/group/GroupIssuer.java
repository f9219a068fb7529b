package io.netloom.domain.group;

import io.netloom.domain.common.WireNamed;

/** Who made a group, as NetBird's {@code issued} says: an administrator, a sign-in's groups claim, or an integration. */
public enum GroupIssuer implements WireNamed {
    API("api"),
    JWT("jwt"),
    INTEGRATION("integration");

    private final String wireName;

    GroupIssuer(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
