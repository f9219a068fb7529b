package io.netloom.domain.network;

import io.netloom.domain.common.WireNamed;

/** NetBird's NetworkResourceType, less "domain", which needs DNS first. */
public enum ResourceType implements WireNamed {
    HOST("host"),
    SUBNET("subnet");

    private final String wireName;

    ResourceType(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
