package io.netloom.domain.policy;

import io.netloom.domain.common.WireNamed;

public enum Protocol implements WireNamed {
    ALL("all"),
    TCP("tcp"),
    UDP("udp"),
    ICMP("icmp");

    private final String wireName;

    Protocol(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** Only TCP and UDP have ports; a port on "all" or ICMP would silently mean nothing. */
    boolean hasPorts() {
        return this == TCP || this == UDP;
    }

    public static Protocol fromWireName(String wireName) {
        return WireNamed.fromWireName(values(), wireName, "protocol");
    }
}
