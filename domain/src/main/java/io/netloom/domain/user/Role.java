package io.netloom.domain.user;

import io.netloom.domain.common.WireNamed;

public enum Role implements WireNamed {
    OWNER("owner"),
    ADMIN("admin"),
    USER("user"),
    AUDITOR("auditor");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static Role fromWireName(String wireName) {
        return WireNamed.fromWireName(values(), wireName, "role");
    }
}
