package io.netloom.domain.user;

import io.netloom.domain.common.WireNamed;

/**
 * How a user came to exist, as NetBird's {@code issued} says: made by an administrator through the API, or by
 * an integration (Netloom: the person's first sign-in through an upstream identity provider, ADR 0022).
 */
public enum UserIssuer implements WireNamed {
    API("api"),
    INTEGRATION("integration");

    private final String wireName;

    UserIssuer(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
