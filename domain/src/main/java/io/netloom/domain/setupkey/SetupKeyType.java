package io.netloom.domain.setupkey;

import io.netloom.domain.common.WireNamed;

public enum SetupKeyType implements WireNamed {
    ONE_OFF("one-off"),
    REUSABLE("reusable");

    private final String wireName;

    SetupKeyType(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static SetupKeyType fromWireName(String wireName) {
        return WireNamed.fromWireName(values(), wireName, "setup key type");
    }
}
